using Microsoft.Extensions.Hosting;

namespace Cx.ServiceDefaults.Hosting;

/// <summary>
/// The lifetime of a service that shares its process: it does not listen for Ctrl-C or SIGTERM,
/// because the process that hosts it stops every service itself, in order.
/// </summary>
internal sealed class ProcessOwnedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

using Microsoft.Extensions.Hosting;

namespace Cx.ServiceDefaults.Hosting;

/// <summary>
/// The lifetime of a service whose process handles the termination signals itself: it does not
/// listen for Ctrl-C or SIGTERM. `cx up` stops every service in order; `cx serve` stops its one
/// service when its command line is cancelled, so a signal has exactly one meaning.
/// </summary>
public sealed class ProcessOwnedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

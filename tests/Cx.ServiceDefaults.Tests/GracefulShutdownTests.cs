using Cx.ServiceDefaults.Tests.Support;
using Cx.Testing.V1;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Cx.ServiceDefaults.Tests;

/// <summary>Owns its host: the test stops it.</summary>
public sealed class GracefulShutdownTests : IAsyncLifetime
{
    private readonly ProbeHost _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task Stop_WithACallInFlight_ReadinessDropsAndTheCallStillCompletes()
    {
        var inFlight = _host.Probe.HoldAsync(new EchoRequest { Text = "finish me" }, ProbeHost.Tenant()).ResponseAsync;
        await _host.Gate.Entered.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var stopping = _host.App.StopAsync();
        var lifetime = _host.App.Services.GetRequiredService<IHostApplicationLifetime>();
        Assert.True(lifetime.ApplicationStopping.IsCancellationRequested);

        // Asked in process: the listener may already refuse new streams, which is the point.
        var readiness = await _host.App.Services.GetRequiredService<HealthCheckService>()
            .CheckHealthAsync(check => check.Tags.Contains(Health.HealthTags.Ready));
        Assert.Equal(HealthStatus.Unhealthy, readiness.Status);
        Assert.False(stopping.IsCompleted, "the stop waits for the call in flight");

        _host.Gate.Open.SetResult();

        var response = await inFlight.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("finish me", response.Text);
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));
    }
}

using System.Net;
using System.Text.Json;
using Cx.ServiceDefaults.Tests.Support;
using Grpc.Core;
using Grpc.Health.V1;
using static Grpc.Health.V1.HealthCheckResponse.Types;

namespace Cx.ServiceDefaults.Tests;

/// <summary>Owns its host: it switches the dependency off, which would disturb other tests.</summary>
public sealed class HealthTests : IAsyncLifetime
{
    private readonly ProbeHost _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    private Task<HealthCheckResponse> CheckAsync(string service) =>
        new Grpc.Health.V1.Health.HealthClient(_host.Channel).CheckAsync(new HealthCheckRequest { Service = service }).ResponseAsync;

    private async Task<(HttpStatusCode Status, string Overall)> ProbeAsync(string path)
    {
        using var response = await _host.Http.GetAsync(new Uri(path, UriKind.Relative));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, body.RootElement.GetProperty("status").GetString()!);
    }

    [Fact]
    public async Task Probes_AllHealthy_ServeEverywhere()
    {
        Assert.Equal(ServingStatus.Serving, (await CheckAsync(string.Empty)).Status);
        Assert.Equal(ServingStatus.Serving, (await CheckAsync("liveness")).Status);
        Assert.Equal(ServingStatus.Serving, (await CheckAsync("cx.testing.v1.ProbeService")).Status);
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await ProbeAsync("/health/live"));
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await ProbeAsync("/health/ready"));
    }

    [Fact]
    public async Task Probes_DependencyDown_NotReadyButStillLive()
    {
        _host.Dependency.Healthy = false;

        Assert.Equal(ServingStatus.NotServing, (await CheckAsync(string.Empty)).Status);
        Assert.Equal(ServingStatus.NotServing, (await CheckAsync("cx.testing.v1.ProbeService")).Status);
        Assert.Equal(ServingStatus.Serving, (await CheckAsync("liveness")).Status);
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), await ProbeAsync("/health/ready"));
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await ProbeAsync("/health/live"));

        _host.Dependency.Healthy = true;
        Assert.Equal(ServingStatus.Serving, (await CheckAsync(string.Empty)).Status);
    }

    [Fact]
    public async Task Check_UnknownService_IsNotFound()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => CheckAsync("cx.nothing.v1.NoService"));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }
}

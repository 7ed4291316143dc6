using Cx.ServiceDefaults.Tests.Support;
using Cx.Testing.V1;
using Google.Rpc;
using Grpc.Core;
using Grpc.Health.V1;

namespace Cx.ServiceDefaults.Tests;

public sealed class TenancyTests(ProbeHost host) : IClassFixture<ProbeHost>
{
    [Fact]
    public async Task Echo_WithTenant_ServiceSeesThatTenant()
    {
        var response = await host.Probe.EchoAsync(new EchoRequest { Text = "hi" }, ProbeHost.Tenant("acme-eu"));

        Assert.Equal(("hi", "acme-eu"), (response.Text, response.Tenant));
    }

    [Fact]
    public async Task Echo_WithoutTenant_IsInvalidArgumentNamingTheMetadata()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await host.Probe.EchoAsync(new EchoRequest { Text = "hi" }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var violation = Assert.Single(error.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations);
        Assert.Equal("x-cx-tenant", violation.Field);
    }

    [Theory]
    [InlineData("Acme")]
    [InlineData("acme corp")]
    [InlineData("-acme")]
    [InlineData("acme-")]
    [InlineData("a/b")]
    public async Task Echo_MalformedTenant_IsInvalidArgument(string tenant)
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await host.Probe.EchoAsync(new EchoRequest { Text = "hi" }, ProbeHost.Tenant(tenant)));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("x-cx-tenant", Assert.Single(error.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations).Field);
    }

    [Fact]
    public async Task Echo_TenantOf63Characters_IsAccepted()
    {
        var tenant = new string('a', 63);

        var response = await host.Probe.EchoAsync(new EchoRequest(), ProbeHost.Tenant(tenant));

        Assert.Equal(tenant, response.Tenant);
    }

    [Fact]
    public async Task Echo_TenantOf64Characters_IsRefused()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await host.Probe.EchoAsync(new EchoRequest(), ProbeHost.Tenant(new string('a', 64))));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }

    [Fact]
    public async Task HealthCheck_WithoutTenant_IsServed()
    {
        var reply = await new Grpc.Health.V1.Health.HealthClient(host.Channel).CheckAsync(new HealthCheckRequest());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }
}

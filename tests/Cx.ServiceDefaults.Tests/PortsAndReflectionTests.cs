using Cx.ServiceDefaults.Tests.Support;
using Cx.Testing.V1;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Reflection.V1;

namespace Cx.ServiceDefaults.Tests;

public sealed class PortsAndReflectionTests(ProbeHost host) : IClassFixture<ProbeHost>
{
    [Fact]
    public async Task GrpcPort_Http11Request_NeverReachesTheApplication()
    {
        using var http11 = new HttpClient();

        using var response = await http11.GetAsync(new Uri($"http://{host.Endpoints.GrpcAddress}/health/live"));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task HttpPort_GrpcCall_Fails()
    {
        using var channel = GrpcChannel.ForAddress(host.Endpoints.HttpUrl);
        var client = new ProbeService.ProbeServiceClient(channel);

        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.EchoAsync(new EchoRequest(), ProbeHost.Tenant()));

        Assert.NotEqual(StatusCode.OK, error.StatusCode);
    }

    [Fact]
    public async Task Reflection_ListServices_NamesEveryServiceServed()
    {
        var client = new ServerReflection.ServerReflectionClient(host.Channel);
        using var call = client.ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = string.Empty });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));

        var names = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(
            ["cx.testing.v1.ProbeService", "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection"],
            names);
    }

    [Fact]
    public async Task Echo_MessageOverTheReceiveLimit_IsResourceExhausted()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await host.Probe.EchoAsync(new EchoRequest { Text = new string('x', ProbeHost.MaxReceiveMessageBytes + 1) }, ProbeHost.Tenant()));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task Echo_Served_RecordsAServerSpanNamingTheService()
    {
        await host.Probe.EchoAsync(new EchoRequest { Text = "traced" }, ProbeHost.Tenant());

        Assert.Contains(host.Spans, s => s.Kind == System.Diagnostics.ActivityKind.Server
            && s.Source.Name == "Microsoft.AspNetCore"
            && (s.GetTagItem("grpc.method") as string) == "/cx.testing.v1.ProbeService/Echo"
            && (s.GetTagItem("cx.service") as string) == "probe");
    }
}

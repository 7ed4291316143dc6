using System.Net;
using System.Reflection;
using Cx.Host.Launch;
using Cx.ServiceDefaults.Identity;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Net.Client;

namespace Cx.Host.Tests;

/// <summary>
/// Every service of `cx up`, called on its own ports as another process of the host (or another pod
/// of a release) could: no forged tenant or actor, no token meant for another service, no token a
/// stranger signed gets any platform API to act. Only the gateway's (or a declared peer's) signature counts.
/// </summary>
public sealed class ServicePortTrustTests(PlatformFixture fixture) : IClassFixture<PlatformFixture>
{
    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(b => b, b => b);

    /// <summary>Every cx.* gRPC service each running service serves, with one of its methods.</summary>
    public static TheoryData<string, string, string> PlatformApis()
    {
        var services = typeof(Cx.Api.V1.AccessExtensions).Assembly.GetTypes()
            .Select(t => t.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)?.GetValue(null))
            .OfType<FileDescriptor>()
            .SelectMany(f => f.Services)
            .ToDictionary(s => s.FullName);
        var data = new TheoryData<string, string, string>();
        foreach (var slot in ServiceCatalog.All)
        {
            foreach (var service in services.Values.Where(s => s.File.Package == $"cx.{slot.Name}.v1"))
            {
                data.Add(slot.Name, service.FullName, service.Methods.First(m => !m.IsClientStreaming).Name);
            }
        }

        return data;
    }

    private async Task<RpcException> CallAsync(string service, string grpcService, string method, Metadata headers)
    {
        using var channel = GrpcChannel.ForAddress("http://" + fixture.Platform.Service(service).GrpcAddress);
        var descriptor = new Method<byte[], byte[]>(MethodType.Unary, grpcService, method, Bytes, Bytes);
        return await Assert.ThrowsAsync<RpcException>(async () =>
            await channel.CreateCallInvoker().AsyncUnaryCall(descriptor, null, new CallOptions(headers, DateTime.UtcNow.AddSeconds(10)), []));
    }

    [Theory]
    [MemberData(nameof(PlatformApis))]
    public async Task DirectCall_WithAForgedTenantAndActor_IsUnauthenticated(string service, string grpcService, string method)
    {
        var error = await CallAsync(service, grpcService, method, new Metadata { { "x-cx-tenant", "acme" }, { "x-cx-actor", "someone-else" } });

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        if (service != "gateway")
        {
            // The gateway refuses a call without a credential itself, with its own message.
            Assert.Equal(CallerInterceptor.Refused, error.Status.Detail);
        }
    }

    [Theory]
    [MemberData(nameof(PlatformApis))]
    public async Task DirectCall_WithTheGatewaysTokenForAnotherService_IsUnauthenticated(string service, string grpcService, string method)
    {
        var other = service == "platform" ? "measurement" : "platform";
        var token = TestIdentity.Token(other, "acme", keyDirectory: fixture.KeyDirectory);

        var error = await CallAsync(service, grpcService, method, new Metadata { { IdentityToken.MetadataKey, token } });

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Theory]
    [MemberData(nameof(PlatformApis))]
    public async Task DirectCall_SignedWithAnotherDataDirectorysGatewayKey_IsUnauthenticated(string service, string grpcService, string method)
    {
        // The test process's own key pair named "gateway": right name, wrong key.
        var token = TestIdentity.Token(service, "acme");

        var error = await CallAsync(service, grpcService, method, new Metadata { { IdentityToken.MetadataKey, token } });

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task DirectCall_ToMeasurement_SignedByGovernance_IsBelieved_ButByPlatform_IsNot()
    {
        // Governance calls measurement (its module declares the peer); the platform service does not.
        using var channel = GrpcChannel.ForAddress("http://" + fixture.Platform.Service("measurement").GrpcAddress);
        var measurement = new Cx.Measurement.V1.MeasurementService.MeasurementServiceClient(channel);
        var byGovernance = new Metadata { { IdentityToken.MetadataKey, TestIdentity.Token("measurement", "acme", "governance", ["measurement:read"], issuer: "governance", keyDirectory: fixture.KeyDirectory) } };
        var byPlatform = new Metadata { { IdentityToken.MetadataKey, TestIdentity.Token("measurement", "acme", "platform", ["measurement:read"], issuer: "platform", keyDirectory: fixture.KeyDirectory) } };

        var metrics = await measurement.ListMetricDefinitionsAsync(new Cx.Measurement.V1.ListMetricDefinitionsRequest(), byGovernance);
        var refused = await Assert.ThrowsAsync<RpcException>(async () => await measurement.ListMetricDefinitionsAsync(new Cx.Measurement.V1.ListMetricDefinitionsRequest(), byPlatform));

        Assert.NotNull(metrics);
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
    }

    [Fact]
    public async Task DirectRestCall_WithAForgedTenant_Is401()
    {
        using var http = new HttpClient { BaseAddress = fixture.Platform.Service("platform").HttpUrl };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/platform/v1/info");
        request.Headers.Add("x-cx-tenant", "acme");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}

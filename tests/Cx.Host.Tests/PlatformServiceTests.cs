using Cx.Host.Launch;
using Cx.Platform.V1;
using Cx.ServiceDefaults;
using Cx.ServiceDefaults.Identity;
using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Configuration;

namespace Cx.Host.Tests;

/// <summary>The platform as `cx up` starts it, on ports the system chooses.</summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    private RunningPlatform? _platform;

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "cx-host-tests-" + Guid.NewGuid().ToString("N"));

    internal RunningPlatform Platform => _platform!;

    /// <summary>The identity keys `cx up` made in the data directory: the tests sign as its gateway.</summary>
    public string KeyDirectory => Path.Combine(DataDirectory, "identity");

    public GrpcChannel Channel { get; private set; } = null!;

    public PlatformService.PlatformServiceClient Client => new(Channel);

    public async Task InitializeAsync()
    {
        _platform = await PlatformLauncher.StartAsync(
            new UpOptions { BasePort = 0, DataDirectory = DataDirectory },
            new ConfigurationBuilder().Build(),
            CancellationToken.None);
        Channel = GrpcChannel.ForAddress("http://" + _platform.Service("platform").GrpcAddress);
    }

    public async Task DisposeAsync()
    {
        Channel.Dispose();
        await Platform.DisposeAsync();
        Directory.Delete(DataDirectory, recursive: true);
    }
}

public sealed class PlatformServiceTests(PlatformFixture fixture) : IClassFixture<PlatformFixture>
{
    private Metadata Tenant => TestIdentity.For("platform", "acme", keyDirectory: fixture.KeyDirectory);

    [Fact]
    public async Task GetInfo_WithTenant_DescribesThisDeployment()
    {
        var info = await fixture.Client.GetInfoAsync(new GetInfoRequest(), Tenant, deadline: DateTime.UtcNow.AddSeconds(10));

        Assert.Equal(CxServiceApplication.Version, info.Version);
        Assert.Matches(@"^\d+\.\d+\.\d+", info.Version);
        Assert.Equal("embedded", info.Backend);
        Assert.Equal("acme", info.Tenant);
        Assert.Equal(ServiceCatalog.All.Select(s => s.Name).Order(StringComparer.Ordinal), info.Services.Select(s => s.Name));
        var platform = info.Services.Single(s => s.Name == "platform");
        Assert.Equal(fixture.Platform.Service("platform").GrpcAddress, platform.GrpcAddress);
        Assert.Contains("cx.platform.v1.PlatformService", platform.GrpcServices);
        Assert.Contains("grpc.health.v1.Health", platform.GrpcServices);
        Assert.InRange(info.StartedAt.ToDateTimeOffset(), DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task GetInfo_AdvertisedHttpUrl_ServesTheSameInfoAsRest()
    {
        var info = await fixture.Client.GetInfoAsync(new GetInfoRequest(), Tenant);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(info.Services.Single(s => s.Name == "platform").HttpUrl + "/api/platform/v1/info"));
        request.Headers.Add(IdentityToken.MetadataKey, TestIdentity.Token("platform", "acme", keyDirectory: fixture.KeyDirectory));

        using var response = await http.SendAsync(request);
        var rest = PlatformInfo.Parser.ParseJson(await response.Content.ReadAsStringAsync());

        Assert.Equal(info, rest);
    }

    [Fact]
    public async Task GetService_Platform_ReturnsItsEndpoints()
    {
        var service = await fixture.Client.GetServiceAsync(new GetServiceRequest { Name = "platform" }, Tenant);

        Assert.Equal(fixture.Platform.Service("platform").HttpUrl.ToString().TrimEnd('/'), service.HttpUrl);
    }

    [Fact]
    public async Task GetService_Unknown_IsNotFound()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await fixture.Client.GetServiceAsync(new GetServiceRequest { Name = "billing" }, Tenant));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal("billing", error.GetRpcStatus()!.GetDetail<ResourceInfo>()!.ResourceName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Platform")]
    [InlineData("9lives")]
    [InlineData("a b")]
    public async Task GetService_MalformedName_IsInvalidArgumentOnName(string name)
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await fixture.Client.GetServiceAsync(new GetServiceRequest { Name = name }, Tenant));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("name", Assert.Single(error.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations).Field);
    }

    [Fact]
    public async Task ListServices_DefaultPage_ListsAllWithoutNextToken()
    {
        var page = await fixture.Client.ListServicesAsync(new ListServicesRequest(), Tenant);

        Assert.Equal(["culture", "design", "gateway", "governance", "measurement", "platform", "strategy", "understanding"], page.Services.Select(s => s.Name).ToArray());
        Assert.Equal(string.Empty, page.NextPageToken);
    }

    [Fact]
    public async Task ListServices_PageOfOne_WalksTheServicesInOrder()
    {
        var names = new List<string>();
        var token = string.Empty;
        do
        {
            var page = await fixture.Client.ListServicesAsync(new ListServicesRequest { PageSize = 1, PageToken = token }, Tenant);
            names.Add(Assert.Single(page.Services).Name);
            token = page.NextPageToken;
        }
        while (token.Length > 0 && names.Count < 20);

        Assert.Equal(["culture", "design", "gateway", "governance", "measurement", "platform", "strategy", "understanding"], names);
    }

    [Fact]
    public async Task ListServices_TokenAfterTheLastService_IsAnEmptyPage()
    {
        var page = await fixture.Client.ListServicesAsync(new ListServicesRequest { PageToken = Cx.Domain.Paging.PageRequest.TokenAfter("understanding") }, Tenant);

        Assert.Empty(page.Services);
        Assert.Equal(string.Empty, page.NextPageToken);
    }

    [Fact]
    public async Task ListServices_BadSizeAndToken_ReportsBothFields()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await fixture.Client.ListServicesAsync(new ListServicesRequest { PageSize = 101, PageToken = "%%%" }, Tenant));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(
            ["page_size", "page_token"],
            error.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations.Select(v => v.Field).ToArray());
    }

    [Fact]
    public async Task GetInfo_WithoutIdentity_IsUnauthenticated()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await fixture.Client.GetInfoAsync(new GetInfoRequest()));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task Start_SameDataDirectoryTwice_SecondIsRefused()
    {
        var error = await Assert.ThrowsAsync<DataDirectoryInUseException>(() =>
            PlatformLauncher.StartAsync(new UpOptions { BasePort = 0, DataDirectory = fixture.DataDirectory }, new ConfigurationBuilder().Build(), CancellationToken.None));

        Assert.Contains(Path.GetFullPath(fixture.DataDirectory), error.Message, StringComparison.Ordinal);
    }
}

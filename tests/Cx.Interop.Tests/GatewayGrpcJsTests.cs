using System.Diagnostics;
using System.Text.Json;
using Cx.Host.Launch;
using Microsoft.Extensions.Configuration;

namespace Cx.Interop.Tests;

/// <summary>A grpc-js client calls a service through the gateway of a running platform, with an API key.</summary>
public sealed class GatewayGrpcJsTests : IAsyncLifetime
{
    private RunningPlatform? _platform;
    private DirectoryInfo? _data;

    public async Task InitializeAsync()
    {
        _data = Directory.CreateTempSubdirectory("cx-interop-gateway-");
        _platform = await PlatformLauncher.StartAsync(new UpOptions { BasePort = 0, DataDirectory = _data.FullName, Dev = true }, new ConfigurationBuilder().Build(), CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_platform is not null)
        {
            await _platform.DisposeAsync();
        }

        _data?.Delete(recursive: true);
    }

    [Fact]
    public async Task NodeGrpcJs_ThroughTheGateway_ActsForTheKeysTenant_AndReadsTypedRefusals()
    {
        var directory = Path.Combine(ForeignClientTests.ClientsDirectory, "node");
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress("http://" + _platform!.Service("gateway").GrpcAddress);
        var weak = await new Cx.Gateway.V1.ApiKeyService.ApiKeyServiceClient(channel).CreateApiKeyAsync(
            new Cx.Gateway.V1.CreateApiKeyRequest { Name = "interop-reader", Permissions = { "measurement:read" } },
            new Grpc.Core.Metadata { { "x-api-key", _platform.DevelopmentKey! } });
        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { Path.Combine(directory, "gateway-client.mjs"), "--target", _platform.Service("gateway").GrpcAddress, "--key", _platform.DevelopmentKey!, "--weak-key", weak.Secret },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90));
        Assert.True(process.ExitCode == 0, $"node exited {process.ExitCode}: {await stderr}");
        var report = JsonDocument.Parse(await stdout).RootElement;

        var withKey = report.GetProperty("withKey");
        Assert.Equal(0, withKey.GetProperty("code").GetInt32());
        Assert.Equal("demo", withKey.GetProperty("info").GetProperty("tenant").GetString());
        Assert.Equal("embedded", withKey.GetProperty("info").GetProperty("backend").GetString());
        var unknown = report.GetProperty("unknownKey");
        Assert.Equal(16, unknown.GetProperty("code").GetInt32());
        Assert.Contains("not known", unknown.GetProperty("details").GetString(), StringComparison.Ordinal);
        Assert.Equal("CREDENTIAL_REFUSED", unknown.GetProperty("errorInfo").GetProperty("reason").GetString());

        // What grpc-js shows its user: the message as written, and the reason and permission to act on.
        var denied = report.GetProperty("weakKey");
        Assert.Equal(7, denied.GetProperty("code").GetInt32());
        Assert.Equal("The credential does not hold platform:read.", denied.GetProperty("details").GetString());
        var why = denied.GetProperty("errorInfo");
        Assert.Equal(("PERMISSION_DENIED", "cx.platform", "platform:read"), (why.GetProperty("reason").GetString(), why.GetProperty("domain").GetString(), why.GetProperty("metadata").GetProperty("permission").GetString()));
    }
}

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
    public async Task NodeGrpcJs_ThroughTheGateway_ActsForTheKeysTenant_AndAnUnknownKeyIsUnauthenticated()
    {
        var directory = Path.Combine(ForeignClientTests.ClientsDirectory, "node");
        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { Path.Combine(directory, "gateway-client.mjs"), "--target", _platform!.Service("gateway").GrpcAddress, "--key", _platform.DevelopmentKey! },
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
    }
}

using Cx.Host.Commands;
using Cx.Host.Tests.Support;
using Cx.Platform.V1;
using Grpc.Core;
using Grpc.Net.Client;
using Spectre.Console;

namespace Cx.Host.Tests;

public sealed class CommandLineTests
{
    private static System.CommandLine.ParseResult Parse(params string[] args) =>
        CxCli.Create(AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) })).Parse(args);

    [Theory]
    [InlineData("--base-port", "80")]
    [InlineData("--base-port", "65535")]
    [InlineData("--bind", "not-an-address")]
    public void Up_OutOfRangeOption_IsRejectedNamingTheOption(string option, string value)
    {
        var result = Parse("up", option, value);

        var error = Assert.Single(result.Errors);
        Assert.Contains(option, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Up_Defaults_AreThePortPlanAndLocalData()
    {
        var result = Parse("up");

        Assert.Empty(result.Errors);
        Assert.Equal(7100, result.GetValue<int>("--base-port"));
        Assert.Equal("data", result.GetValue<string>("--data"));
        Assert.Equal("127.0.0.1", result.GetValue<string>("--bind"));
        Assert.False(result.GetValue<bool>("--demo"));
    }

    /// <summary>The real `cx` executable, as a user starts it: ready, serving, then stopped by a signal.</summary>
    [Fact]
    public async Task Up_RealProcess_ServesThenStopsCleanlyOnSigterm()
    {
        var basePort = FreePortPair();
        var data = Directory.CreateTempSubdirectory("cx-up-");
        try
        {
            await using var process = CxProcess.Start(
                Path.Combine(AppContext.BaseDirectory, "cx.dll"),
                ["up", "--base-port", basePort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--data", data.FullName]);

            // Either it becomes ready, or it ends early and its output says why.
            await process.WaitForLineAsync(l => l.Contains("Ready.", StringComparison.Ordinal), TimeSpan.FromSeconds(90));
            Assert.Contains($"127.0.0.1:{basePort}", process.Output, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(data.FullName, ".cx.lock")));

            using (var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{basePort}"))
            {
                var info = await new PlatformService.PlatformServiceClient(channel)
                    .GetInfoAsync(new GetInfoRequest(), new Metadata { { "x-cx-tenant", "acme" } }, DateTime.UtcNow.AddSeconds(10));
                Assert.Contains(info.Services, s => s.Name == "platform");
            }

            Assert.Equal(0, await process.TerminateAsync(TimeSpan.FromSeconds(30)));
            Assert.Contains("Stopped.", process.Output, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(data.FullName, ".cx.lock")), "the data directory lock is released");
            Assert.True(CxProcess.IsFree(basePort), "the gRPC port is released");
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    /// <summary>A base port whose whole port plan (every service's two ports) is free now.</summary>
    /// <summary>
    /// A base port whose whole plan (every service's gRPC and HTTP port) is free. It is taken below
    /// Linux's ephemeral range (32768 and up), where the system hands out the local ports of
    /// outgoing connections: a plan there can be taken by any connection between the check and the bind.
    /// </summary>
    private static int FreePortPair()
    {
        var span = 10 * (Cx.Host.Launch.ServiceCatalog.All.Max(s => s.Slot) + 1);
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(20_000, 32_000 - span);
            var plan = Cx.Host.Launch.ServiceCatalog.All.Select(s => Cx.Host.Launch.ServiceCatalog.PortsFor(s, port)).SelectMany(p => new[] { p.Grpc, p.Http });
            if (plan.All(CxProcess.IsFree))
            {
                return port;
            }
        }

        throw new InvalidOperationException("No free port plan was found.");
    }
}

public sealed class PlatformLifetimeTests
{
    [Fact]
    public async Task ServiceStoppedOnItsOwn_AServiceStops_NamesIt()
    {
        var data = Directory.CreateTempSubdirectory("cx-lifetime-");
        var platform = await Cx.Host.Launch.PlatformLauncher.StartAsync(
            new Cx.Host.Launch.UpOptions { BasePort = 0, DataDirectory = data.FullName },
            new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build(),
            CancellationToken.None);
        try
        {
            Assert.False(platform.ServiceStoppedOnItsOwn.IsCompleted);

            platform.LifetimeOf("platform").StopApplication();

            Assert.Equal("platform", await platform.ServiceStoppedOnItsOwn.WaitAsync(TimeSpan.FromSeconds(10)));
        }
        finally
        {
            await platform.DisposeAsync();
            data.Delete(recursive: true);
        }
    }
}

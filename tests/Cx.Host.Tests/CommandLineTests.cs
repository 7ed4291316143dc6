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
        var basePort = PortPlan.Free();
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
                    .GetInfoAsync(new GetInfoRequest(), TestIdentity.For("platform", "acme", keyDirectory: Path.Combine(data.FullName, "identity")), DateTime.UtcNow.AddSeconds(10));
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

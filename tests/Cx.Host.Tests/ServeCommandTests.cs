using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Cx.Host.Commands;
using Cx.Platform.V1;
using Grpc.Core;
using Grpc.Net.Client;
using Spectre.Console;

namespace Cx.Host.Tests;

/// <summary>`cx serve`: one service of the catalog as its own process, configured by configuration only.</summary>
public sealed class ServeCommandTests
{
    [Fact]
    public async Task Serve_UnknownService_ExitsWithTwoNamingTheServices()
    {
        var (exit, output) = await RunAsync("serve", "billing");

        Assert.Equal(2, exit);
        Assert.Contains("no service named 'billing'", output, StringComparison.Ordinal);
        Assert.Contains("platform, measurement, governance, gateway", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_ArgumentThatIsNotConfiguration_ExitsWithTwo()
    {
        var (exit, output) = await RunAsync("serve", "platform", "extra");

        Assert.Equal(2, exit);
        Assert.Contains("--Key=value", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_InvalidConfiguration_ExitsWithOneNamingTheSetting()
    {
        var (exit, output) = await RunAsync("serve", "platform", "--Cx:Backend=kafka");

        Assert.Equal(1, exit);
        Assert.Contains("cx-platform did not start", output, StringComparison.Ordinal);
        Assert.Contains("Cx:Backend must be embedded, redis or dapr", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_PortInUse_ExitsWithOne()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var (exit, output) = await RunAsync("serve", "platform", "--Cx:BindAddress=127.0.0.1", "--Cx:Ports:Grpc=" + port, "--Cx:Ports:Http=0");

        Assert.Equal(1, exit);
        Assert.Contains("cx-platform did not start", output, StringComparison.Ordinal);
    }

    /// <summary>
    /// The real executable as a container runs it: configured by environment variables only, the
    /// platform service lists the services it is told of and itself, then stops cleanly on SIGTERM.
    /// </summary>
    [Fact]
    public async Task Serve_Platform_ConfiguredByEnvironment_ListsTheDeploymentAndStopsOnSigterm()
    {
        var (grpc, http) = (FreePort(), FreePort());
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "cx.dll"), "serve", "platform" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment =
            {
                ["NO_COLOR"] = "1",
                ["Cx__Backend"] = "redis",
                ["Cx__BindAddress"] = "127.0.0.1",
                ["Cx__Ports__Grpc"] = grpc.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Cx__Ports__Http"] = http.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Cx__Platform__Services__measurement__Grpc"] = "http://cx-measurement:8081",
                ["Cx__Platform__Services__measurement__Http"] = "http://cx-measurement:8080",
            },
        };
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }

            if (e.Data?.Contains("cx-platform 0", StringComparison.Ordinal) == true && e.Data.Contains("ready", StringComparison.Ordinal))
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await Task.WhenAny(ready.Task, process.WaitForExitAsync()).WaitAsync(TimeSpan.FromSeconds(90));
            Assert.True(ready.Task.IsCompleted, "cx serve platform did not become ready:\n" + Snapshot(output));
            Assert.Contains("backend redis", Snapshot(output), StringComparison.Ordinal);

            using (var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{grpc}"))
            {
                var info = await new PlatformService.PlatformServiceClient(channel)
                    .GetInfoAsync(new GetInfoRequest(), new Metadata { { "x-cx-tenant", "acme" } }, DateTime.UtcNow.AddSeconds(10));
                Assert.Equal("redis", info.Backend);
                Assert.Equal(["measurement", "platform"], info.Services.Select(s => s.Name));
                var measurement = info.Services[0];
                Assert.Equal(("cx-measurement:8081", "http://cx-measurement:8080"), (measurement.GrpcAddress, measurement.HttpUrl));
                Assert.Contains("cx.measurement.v1.MeasurementService", measurement.GrpcServices);
                Assert.Equal($"127.0.0.1:{grpc}", info.Services[1].GrpcAddress);
                Assert.Contains("cx.platform.v1.PlatformService", info.Services[1].GrpcServices);
            }

            using (var probe = new HttpClient())
            {
                Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync(new Uri($"http://127.0.0.1:{http}/health/ready"))).StatusCode);
            }

            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(0, process.ExitCode);
            Assert.Contains("cx-platform stopped.", Snapshot(output), StringComparison.Ordinal);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    internal static async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        using var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), ColorSystem = ColorSystemSupport.NoColors, Ansi = AnsiSupport.No });
        console.Profile.Width = 300;
        var exit = await CxCli.Create(console).Parse(args).InvokeAsync();
        return (exit, writer.ToString());
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>`cx db migrate --service`: one service's database, from the configuration the service runs with.</summary>
public sealed class DbMigrateServiceTests
{
    [Fact]
    public async Task Migrate_Service_MigratesThatServicesConfiguredDatabaseOnly_ThenFindsItCurrent()
    {
        var data = Directory.CreateTempSubdirectory("cx-migrate-service-");
        try
        {
            var (first, applied) = await ServeCommandTests.RunAsync("db", "migrate", "--service", "measurement", "--Cx:DataDirectory=" + data.FullName);
            var (second, current) = await ServeCommandTests.RunAsync("db", "migrate", "--service", "measurement", "--Cx:DataDirectory=" + data.FullName);

            Assert.Equal((0, 0), (first, second));
            Assert.Contains("measurement: applied ", applied, StringComparison.Ordinal);
            Assert.Contains("measurement: up to date", current, StringComparison.Ordinal);
            Assert.Equal(["measurement.db"], data.GetFiles("*.db").Select(f => f.Name));
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Migrate_ServiceWithoutDatabase_SaysThereIsNothingToDo()
    {
        var (exit, output) = await ServeCommandTests.RunAsync("db", "migrate", "--service", "platform");

        Assert.Equal(0, exit);
        Assert.Contains("platform keeps no database", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_UnknownService_ExitsWithTwo()
    {
        var (exit, output) = await ServeCommandTests.RunAsync("db", "migrate", "--service", "billing");

        Assert.Equal(2, exit);
        Assert.Contains("no service named 'billing'", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_PostgreSqlWithoutConnectionString_FailsNamingTheSetting()
    {
        var (exit, output) = await ServeCommandTests.RunAsync("db", "migrate", "--service", "governance", "--Cx:Backend=redis");

        Assert.Equal(1, exit);
        Assert.Contains("ConnectionStrings:governance", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Migrate_ServiceWithData_IsRefused()
    {
        var result = Cx.Host.Commands.CxCli.Create(AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) }))
            .Parse(["db", "migrate", "--service", "measurement", "--data", "elsewhere"]);

        Assert.Contains(result.Errors, e => e.Message.Contains("--data", StringComparison.Ordinal));
    }
}

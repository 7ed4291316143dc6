using System.Net;
using System.Net.Sockets;
using Cx.Host.Tests.Support;
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
        var (exit, output) = await CxCommandLine.RunAsync("serve", "billing");

        Assert.Equal(2, exit);
        Assert.Contains("no service named 'billing'", output, StringComparison.Ordinal);
        Assert.Contains("platform, measurement, governance, understanding, design, culture, strategy, gateway", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_ArgumentThatIsNotConfiguration_ExitsWithTwo()
    {
        var (exit, output) = await CxCommandLine.RunAsync("serve", "platform", "extra");

        Assert.Equal(2, exit);
        Assert.Contains("--Key=value", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_InvalidConfiguration_ExitsWithOneNamingTheSetting()
    {
        var (exit, output) = await CxCommandLine.RunAsync("serve", "platform", "--Cx:Backend=kafka");

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

        var (exit, output) = await CxCommandLine.RunAsync("serve", "platform", "--Cx:BindAddress=127.0.0.1", "--Cx:Ports:Grpc=" + port, "--Cx:Ports:Http=0");

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
        var (grpc, http) = (CxProcess.FreePort(), CxProcess.FreePort());
        await using var process = CxProcess.Start(Path.Combine(AppContext.BaseDirectory, "cx.dll"), ["serve", "platform"], new Dictionary<string, string>
        {
            ["Cx__Backend"] = "redis",
            ["Cx__BindAddress"] = "127.0.0.1",
            ["Cx__Ports__Grpc"] = grpc.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Cx__Ports__Http"] = http.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Cx__Platform__Services__measurement__Grpc"] = "http://cx-measurement:8081",
            ["Cx__Platform__Services__measurement__Http"] = "http://cx-measurement:8080",
            ["Cx__Identity__KeyDirectory"] = TestIdentity.KeyDirectory,
        });

        await process.WaitForLineAsync(l => l.StartsWith("cx-platform ", StringComparison.Ordinal) && l.Contains(" ready (backend redis)", StringComparison.Ordinal), TimeSpan.FromSeconds(90));
        using (var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{grpc}"))
        {
            var info = await new PlatformService.PlatformServiceClient(channel)
                .GetInfoAsync(new GetInfoRequest(), TestIdentity.For("platform", "acme"), DateTime.UtcNow.AddSeconds(10));
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

        Assert.Equal(0, await process.TerminateAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("cx-platform stopped.", process.Output, StringComparison.Ordinal);
        Assert.True(CxProcess.IsFree(grpc) && CxProcess.IsFree(http), "both ports are released");
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
            var (first, applied) = await CxCommandLine.RunAsync("db", "migrate", "--service", "measurement", "--Cx:DataDirectory=" + data.FullName);
            var (second, current) = await CxCommandLine.RunAsync("db", "migrate", "--service", "measurement", "--Cx:DataDirectory=" + data.FullName);

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
        var (exit, output) = await CxCommandLine.RunAsync("db", "migrate", "--service", "platform");

        Assert.Equal(0, exit);
        Assert.Contains("platform keeps no database", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_UnknownService_ExitsWithTwo()
    {
        var (exit, output) = await CxCommandLine.RunAsync("db", "migrate", "--service", "billing");

        Assert.Equal(2, exit);
        Assert.Contains("no service named 'billing'", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_PostgreSqlWithoutConnectionString_FailsNamingTheSetting()
    {
        var (exit, output) = await CxCommandLine.RunAsync("db", "migrate", "--service", "governance", "--Cx:Backend=redis");

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

using System.Diagnostics;
using System.Text.Json;
using Cx.Host.Launch;
using Cx.ServiceDefaults;
using Microsoft.Extensions.Configuration;

namespace Cx.Interop.Tests;

/// <summary>
/// gRPC clients nobody here wrote (grpc-js in Node, grpcio's C core in Python) call the platform as
/// an integrator would: health, reflection, a unary call with metadata and a deadline, and errors
/// whose details they decode from grpc-status-details-bin themselves.
/// </summary>
public sealed class ForeignClientTests : IAsyncLifetime
{
    private const string Tenant = "interop-tenant";

    internal static readonly string ClientsDirectory = Path.Combine(RepositoryRoot(), "tests", "Cx.Interop.Tests", "clients");

    private RunningPlatform? _platform;
    private DirectoryInfo? _data;

    public async Task InitializeAsync()
    {
        _data = Directory.CreateTempSubdirectory("cx-interop-");
        _platform = await PlatformLauncher.StartAsync(new UpOptions { BasePort = 0, DataDirectory = _data.FullName }, new ConfigurationBuilder().Build(), CancellationToken.None);
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
    public async Task NodeGrpcJs_FullConversation_SeesThePlatformAsSpecified()
    {
        var script = Path.Combine(ClientsDirectory, "node", "interop-client.mjs");
        Assert.True(Directory.Exists(Path.Combine(ClientsDirectory, "node", "node_modules", "@grpc", "grpc-js")), "run the test script first: it installs @grpc/grpc-js (npm ci)");

        var report = await RunClientAsync("node", script);

        Assert.Equal("node-grpc-js", report.GetProperty("client").GetString());
        AssertConversation(report);
    }

    [Fact]
    public async Task PythonGrpcio_FullConversation_SeesThePlatformAsSpecified()
    {
        // Debian's python3-grpcio installs for the system interpreter, not for another python3 on PATH.
        Assert.True(File.Exists("/usr/bin/python3"), "run the test script first: it installs python3-grpcio");

        var report = await RunClientAsync("/usr/bin/python3", Path.Combine(ClientsDirectory, "python", "interop_client.py"));

        Assert.Equal("python-grpcio", report.GetProperty("client").GetString());
        AssertConversation(report);
    }

    private void AssertConversation(JsonElement report)
    {
        var platform = _platform!.Service("platform");

        Assert.Equal("SERVING", report.GetProperty("health").GetProperty("status").GetString());
        Assert.Equal("SERVING", report.GetProperty("healthPlatform").GetProperty("status").GetString());
        Assert.Equal(
            ["cx.platform.v1.PlatformService", "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection"],
            Strings(report.GetProperty("services")));

        var info = report.GetProperty("info");
        Assert.Equal(CxServiceApplication.Version, info.GetProperty("version").GetString());
        Assert.Equal("embedded", info.GetProperty("backend").GetString());
        Assert.Equal(Tenant, info.GetProperty("tenant").GetString());
        var service = info.GetProperty("services").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "platform");
        Assert.Equal(platform.GrpcAddress, service.GetProperty("grpcAddress").GetString());
        Assert.Contains("cx.platform.v1.PlatformService", Strings(service.GetProperty("grpcServices")));

        var badRequest = report.GetProperty("badRequest");
        Assert.Equal(3, badRequest.GetProperty("code").GetInt32());
        Assert.Equal(3, badRequest.GetProperty("statusCode").GetInt32());
        Assert.Equal(["page_size", "page_token"], Fields(badRequest));

        var missingIdentity = report.GetProperty("missingIdentity");
        Assert.Equal(16, missingIdentity.GetProperty("code").GetInt32());
        Assert.Equal(Cx.ServiceDefaults.Identity.CallerInterceptor.Refused, missingIdentity.GetProperty("message").GetString());

        var notFound = report.GetProperty("notFound");
        Assert.Equal(5, notFound.GetProperty("code").GetInt32());
        Assert.Contains("no-such-service", notFound.GetProperty("message").GetString(), StringComparison.Ordinal);

        Assert.Equal(platform.HttpUrl.ToString().TrimEnd('/'), report.GetProperty("getService").GetProperty("httpUrl").GetString());
    }

    private async Task<JsonElement> RunClientAsync(string program, string script)
    {
        var start = new ProcessStartInfo(program)
        {
            // The token the gateway would forward, signed with the gateway's key in cx up's data directory.
            ArgumentList = { script, "--target", _platform!.Service("platform").GrpcAddress, "--identity", GatewayToken() },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90));
        var output = await stdout;
        Assert.True(process.ExitCode == 0, $"{program} exited {process.ExitCode}: {await stderr}\n{output}");
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    private string GatewayToken()
    {
        using var key = Cx.ServiceDefaults.Identity.IdentityKeyFiles.LoadPrivateKey(Path.Combine(_data!.FullName, "identity"), "gateway");
        return Cx.ServiceDefaults.Identity.IdentityToken.Create(key, "gateway", "platform", Tenant, "interop", ["*:read"], DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));
    }

    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();

    private static string[] Fields(JsonElement error) =>
        error.GetProperty("fieldViolations").EnumerateArray().Select(v => v.GetProperty("field").GetString()!).ToArray();

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Cx.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Cx.slnx was not found above " + AppContext.BaseDirectory);
    }
}

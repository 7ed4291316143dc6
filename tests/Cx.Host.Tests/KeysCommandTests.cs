using Cx.Host.Launch;
using Cx.Host.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace Cx.Host.Tests;

/// <summary>`cx keys` makes keys a running gateway accepts, and its revocations stick.</summary>
public sealed class KeysCommandTests
{
    [Fact]
    public async Task CreateListRevoke_AKeyMadeByTheCommand_WorksThroughTheGatewayUntilRevoked()
    {
        var data = Directory.CreateTempSubdirectory("cx-keys-");
        try
        {
            var (created, output) = await CxCommandLine.RunAsync("keys", "create", "--data", data.FullName, "--tenant", "acme", "--name", "crm", "--permission", "platform:read");
            var key = output.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("cxk_", StringComparison.Ordinal));
            var keyId = key.Split('_')[1];
            var (badExit, bad) = await CxCommandLine.RunAsync("keys", "create", "--data", data.FullName, "--tenant", "acme", "--name", "x", "--permission", "platform:own");

            await using (var platform = await PlatformLauncher.StartAsync(new UpOptions { BasePort = 0, DataDirectory = data.FullName }, new ConfigurationBuilder().Build(), CancellationToken.None))
            {
                using var http = new HttpClient { BaseAddress = platform.Service("gateway").HttpUrl };
                using var request = new HttpRequestMessage(HttpMethod.Get, "/api/platform/v1/info");
                request.Headers.Add("x-api-key", key);
                using var response = await http.SendAsync(request);
                Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
                Assert.Contains("\"tenant\":\"acme\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }

            var (revoked, _) = await CxCommandLine.RunAsync("keys", "revoke", "--data", data.FullName, "--tenant", "acme", keyId);
            var (_, listed) = await CxCommandLine.RunAsync("keys", "list", "--data", data.FullName, "--tenant", "acme", "--all");
            var (otherTenant, notFound) = await CxCommandLine.RunAsync("keys", "revoke", "--data", data.FullName, "--tenant", "globex", keyId);

            Assert.Equal((0, 1, 0, 1), (created, badExit, revoked, otherTenant));
            Assert.Contains("platform:own", bad, StringComparison.Ordinal);
            Assert.Contains(keyId, listed, StringComparison.Ordinal);
            Assert.Contains("revoked", listed, StringComparison.Ordinal);
            Assert.Contains("No api key", notFound, StringComparison.Ordinal);
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("list")]
    [InlineData("revoke")]
    public async Task ReadingCommand_DirectoryWithoutPlatformData_IsRefusedAndLeftAsFound(string verb)
    {
        var data = Directory.CreateTempSubdirectory("cx-keys-wrong-");
        try
        {
            string[] args = verb == "list"
                ? ["keys", "list", "--data", data.FullName, "--tenant", "acme"]
                : ["keys", "revoke", "--data", data.FullName, "--tenant", "acme", "somekey"];

            var (exit, output) = await CxCommandLine.RunAsync(args);

            Assert.Equal(1, exit);
            Assert.Contains(data.FullName, output, StringComparison.Ordinal);
            Assert.Contains("holds no gateway data", output, StringComparison.Ordinal);
            Assert.Empty(data.EnumerateFileSystemInfos());
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }
}

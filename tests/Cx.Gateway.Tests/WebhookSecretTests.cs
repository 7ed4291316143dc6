using System.Text;
using Cx.Gateway.V1;
using Microsoft.Data.Sqlite;

namespace Cx.Gateway.Tests;

/// <summary>
/// Webhook signing secrets at rest: what the SQLite database holds (its files read byte by byte, its
/// columns queried beside the gateway), the key ring's files, and rows an earlier version wrote in clear.
/// </summary>
public sealed class WebhookSecretTests(WebhookGateway host) : IClassFixture<WebhookGateway>
{
    private const string CaseOpened = "cx.governance.case_opened.v1";

    [Fact]
    public async Task Secret_NotInTheDatabaseFilesInClear_ColumnEncrypted_DeliveriesStillSigned()
    {
        var client = await NewClientAsync();
        var created = await client.CreateWebhookSubscriptionAsync(new CreateWebhookSubscriptionRequest { Url = host.Receiver.NewUrl(out var hook), EventTypes = { CaseOpened } });
        await client.SendTestWebhookAsync(new SendTestWebhookRequest { SubscriptionId = created.Subscription.SubscriptionId });
        var received = Assert.Single(await host.Receiver.WaitForAsync(hook, 1));

        Assert.Equal(WebhookBehaviour.IndependentSignature(created.Secret, received.Id, received.Timestamp, received.Body), received.Signature);
        var (secret, previous) = await StoredAsync(created.Subscription.SubscriptionId);
        Assert.StartsWith("dp1:", secret, StringComparison.Ordinal);
        Assert.Equal(string.Empty, previous);
        AssertNotInDatabaseFiles(created.Secret);
    }

    [Fact]
    public async Task RotatedSecret_BothEncrypted_BothSignDuringTheWindow()
    {
        var client = await NewClientAsync();
        var created = await client.CreateWebhookSubscriptionAsync(new CreateWebhookSubscriptionRequest { Url = host.Receiver.NewUrl(out var hook), EventTypes = { CaseOpened } });
        var id = created.Subscription.SubscriptionId;
        var rotated = await client.RotateWebhookSecretAsync(new RotateWebhookSecretRequest { SubscriptionId = id });
        await client.SendTestWebhookAsync(new SendTestWebhookRequest { SubscriptionId = id });
        var received = Assert.Single(await host.Receiver.WaitForAsync(hook, 1));

        Assert.Equal(
            [WebhookBehaviour.IndependentSignature(rotated.Secret, received.Id, received.Timestamp, received.Body), WebhookBehaviour.IndependentSignature(created.Secret, received.Id, received.Timestamp, received.Body)],
            received.Signature.Split(' '));
        var (secret, previous) = await StoredAsync(id);
        Assert.StartsWith("dp1:", secret, StringComparison.Ordinal);
        Assert.StartsWith("dp1:", previous, StringComparison.Ordinal);
        Assert.NotEqual(secret, previous);
        AssertNotInDatabaseFiles(created.Secret);
        AssertNotInDatabaseFiles(rotated.Secret);
    }

    [Fact]
    public async Task PlaintextRowOfAnEarlierVersion_StillSigns_ThenEncryptedWhenAGatewayStarts()
    {
        var client = await NewClientAsync();
        var created = await client.CreateWebhookSubscriptionAsync(new CreateWebhookSubscriptionRequest { Url = host.Receiver.NewUrl(out var hook), EventTypes = { CaseOpened } });
        var id = created.Subscription.SubscriptionId;

        // As an earlier version kept it: both secrets in clear, the old one within its window.
        const string Current = "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
        const string Old = "whsec_ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=";
        await ExecuteAsync(
            "UPDATE webhook_subscriptions SET Secret = $secret, PreviousSecret = $previous, PreviousSecretUntilUtc = $until WHERE SubscriptionId = $id",
            ("$secret", Current), ("$previous", Old), ("$until", host.Clock.GetUtcNow().UtcDateTime.AddHours(1)), ("$id", id));

        await client.SendTestWebhookAsync(new SendTestWebhookRequest { SubscriptionId = id });
        var before = Assert.Single(await host.Receiver.WaitForAsync(hook, 1));
        Assert.Equal(
            [WebhookBehaviour.IndependentSignature(Current, before.Id, before.Timestamp, before.Body), WebhookBehaviour.IndependentSignature(Old, before.Id, before.Timestamp, before.Body)],
            before.Signature.Split(' '));

        // An upgraded gateway starting on the same database encrypts both; they sign as before.
        await host.StartReplicaAsync();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        var stored = await StoredAsync(id);
        while (!stored.Secret.StartsWith("dp1:", StringComparison.Ordinal) || !stored.Previous.StartsWith("dp1:", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, $"The secrets were not encrypted in time (still '{stored.Secret[..6]}…', '{stored.Previous[..6]}…').");
            await Task.Delay(25);
            stored = await StoredAsync(id);
        }

        await client.SendTestWebhookAsync(new SendTestWebhookRequest { SubscriptionId = id });
        var after = (await host.Receiver.WaitForAsync(hook, 2))[1];
        Assert.Equal(
            [WebhookBehaviour.IndependentSignature(Current, after.Id, after.Timestamp, after.Body), WebhookBehaviour.IndependentSignature(Old, after.Id, after.Timestamp, after.Body)],
            after.Signature.Split(' '));
        Assert.DoesNotContain(Current, stored.Secret + stored.Previous, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyRing_InTheDataDirectory_FolderAndKeyFilesTheOwnersAlone()
    {
        // A secret was protected by the time the fixture's gateway made one; make sure of it.
        var client = await NewClientAsync();
        await client.CreateWebhookSubscriptionAsync(new CreateWebhookSubscriptionRequest { Url = host.Receiver.NewUrl(out _), EventTypes = { CaseOpened } });

        var ring = Path.Combine(host.GatewayDataDirectory, "key-ring");
        var keys = Directory.GetFiles(ring);
        Assert.NotEmpty(keys);
        Assert.All(keys, key => Assert.Matches(@"[/\\]key-[0-9a-f-]{36}\.xml$", key));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(ring));
            foreach (var key in keys)
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
            }
        }
    }

    private async Task<WebhookService.WebhookServiceClient> NewClientAsync()
    {
        var key = await host.CreateKeyAsync("whs-" + Guid.NewGuid().ToString("N")[..8], "gateway:admin", "measurement:admin");
        return new WebhookService.WebhookServiceClient(host.CallsWith(key));
    }

    private string DatabaseFile => Path.Combine(host.GatewayDataDirectory, "gateway.db");

    /// <summary>The database file and its write-ahead log, byte by byte: neither the secret nor its key may appear.</summary>
    private void AssertNotInDatabaseFiles(string secret)
    {
        var whole = Encoding.UTF8.GetBytes(secret);
        var key = Encoding.UTF8.GetBytes(secret["whsec_".Length..]);
        foreach (var file in new[] { DatabaseFile, DatabaseFile + "-wal" }.Where(File.Exists))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var bytes = copy.ToArray();
            Assert.True(bytes.AsSpan().IndexOf(whole) < 0, $"{Path.GetFileName(file)} holds the secret in clear.");
            Assert.True(bytes.AsSpan().IndexOf(key) < 0, $"{Path.GetFileName(file)} holds the secret's key in clear.");
        }
    }

    private async Task<(string Secret, string Previous)> StoredAsync(string subscriptionId)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabaseFile};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Secret, PreviousSecret FROM webhook_subscriptions WHERE SubscriptionId = $id";
        command.Parameters.AddWithValue("$id", subscriptionId);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetString(0), reader.GetString(1));
    }

    private async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabaseFile}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}

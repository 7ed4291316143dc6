using Cx.Eventing.Embedded;
using Cx.Eventing.Envelope;
using Cx.Eventing.Subscribing;
using Cx.Host.Commands;
using Cx.Measurement.Instruments;
using Spectre.Console;

namespace Cx.Host.Tests;

public sealed class EventsCommandTests : IDisposable
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("cx-events-cli-");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _data.Delete(recursive: true);
    }

    private async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        console.Profile.Width = 200;
        var exitCode = await CxCli.Create(console).Parse([.. args, "--data", _data.FullName]).InvokeAsync();
        return (exitCode, output.ToString());
    }

    private async Task<DeadLetter> DeadLetterOneEventAsync()
    {
        var log = new EmbeddedEventLog(Path.Combine(_data.FullName, "events.db"));
        var envelope = new EventEnvelope("e-1", "cx.governance.case_closed.v1", "/cx/governance", "case-1", DateTimeOffset.UtcNow, "acme", "c-1", null, null, "{}");
        await log.AppendAsync([envelope], CancellationToken.None);
        var logged = Assert.Single(await log.ReadAfterAsync(0, envelope.Type, 10, CancellationToken.None));
        await log.DeadLetterAsync("measurement.SendFollowUpSurvey", logged, "Gave up after 5 attempts: TimeoutException", 5, CancellationToken.None);
        return Assert.Single(await log.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task DeadLetters_OneParkedEvent_ListsItWithItsReason()
    {
        await DeadLetterOneEventAsync();

        var (exitCode, output) = await RunAsync("events", "dead-letters");

        Assert.Equal(0, exitCode);
        Assert.Contains("measurement.SendFollowUpSurvey", output, StringComparison.Ordinal);
        Assert.Contains("cx.governance.case_closed.v1", output, StringComparison.Ordinal);
        Assert.Contains("Gave up after 5 attempts: TimeoutException", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_OpenDeadLetter_IsRequested()
    {
        var letter = await DeadLetterOneEventAsync();

        var (exitCode, _) = await RunAsync("events", "replay", letter.Id);
        var (_, listing) = await RunAsync("events", "dead-letters");

        Assert.Equal(0, exitCode);
        Assert.Contains("(replay asked)", listing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_UnknownId_FailsSayingSo()
    {
        await DeadLetterOneEventAsync();

        var (exitCode, output) = await RunAsync("events", "replay", "99");

        Assert.Equal(1, exitCode);
        Assert.Contains("no open dead letter 99", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeadLetters_NoEventLog_FailsNamingThePath()
    {
        var (exitCode, output) = await RunAsync("events", "dead-letters");

        Assert.Equal(1, exitCode);
        Assert.Contains("No event log at", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DbMigrate_FreshDataDirectory_AppliesEachServicesMigrationsOnce()
    {
        var (firstExit, first) = await RunAsync("db", "migrate");
        var (secondExit, second) = await RunAsync("db", "migrate");

        Assert.Equal((0, 0), (firstExit, secondExit));
        Assert.Contains("measurement: applied", first, StringComparison.Ordinal);
        Assert.Contains("_Initial", first, StringComparison.Ordinal);
        Assert.Contains("measurement: up to date", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DbMigrate_WhileThePlatformRuns_IsRefused()
    {
        await using var platform = await Cx.Host.Launch.PlatformLauncher.StartAsync(
            new Cx.Host.Launch.UpOptions { BasePort = 0, DataDirectory = _data.FullName },
            new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build(),
            CancellationToken.None);

        var (exitCode, output) = await RunAsync("db", "migrate");

        Assert.Equal(1, exitCode);
        Assert.Contains("in use", output, StringComparison.Ordinal);
    }
}

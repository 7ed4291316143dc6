using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Cx.Host.Launch.Topology;
using Cx.Topology.Tests.Support;

namespace Cx.Topology.Tests;

/// <summary>
/// How a supervised topology treats a process that dies: restarted with a doubling delay, the
/// delay reset by a long enough life, a crash loop reported and slowed to the cap, readiness
/// waited on again; and a stop that starts nothing more and leaves no process behind. The
/// processes are small shell scripts, so the delays can be short and exact.
/// </summary>
public sealed partial class SupervisorTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("cx-supervise-");
    private readonly ConcurrentQueue<(TimeSpan At, string Line)> _output = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public void Dispose() => _directory.Delete(recursive: true);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(5, 16)]
    [InlineData(6, 30)]
    [InlineData(1000, 30)]
    public void DelayAfter_DeathsInARow_DoublesFromOneSecondUpToThirty(int deathsInARow, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), new RestartPolicy().DelayAfter(deathsInARow));
    }

    [Theory]
    [InlineData(137, "SIGKILL")]
    [InlineData(143, "SIGTERM")]
    [InlineData(139, "SIGSEGV")]
    [InlineData(158, "signal 30")]
    [InlineData(3, null)]
    [InlineData(128, null)]
    public void SignalOf_ExitCode_NamesTheSignalOf128PlusN(int exitCode, string? signal)
    {
        Assert.Equal(signal, ProcessSignals.SignalOf(exitCode));
    }

    [Fact]
    public async Task Supervise_ProcessExitingWithCode3_IsRestartedAfterDelaysThatDoubleUpToTheCap()
    {
        var policy = new RestartPolicy { FirstDelay = Ms(50), MaxDelay = Ms(400), CrashLoopThreshold = 100 };
        await using var runner = Runner(policy, ("crashing", "exit 3"));
        using var stop = new CancellationTokenSource();

        var supervising = runner.SuperviseAsync(stop.Token);
        await UntilAsync(() => runner.Restarts.Count >= 6);
        await stop.CancelAsync();
        await supervising.WaitAsync(Patience);

        var restarts = runner.Restarts.Take(6).ToList();
        Assert.Equal([50, 100, 200, 400, 400, 400], restarts.Select(r => r.Delay.TotalMilliseconds));
        Assert.Equal([1, 2, 3, 4, 5, 6], restarts.Select(r => r.Count));
        Assert.All(restarts, r => Assert.Equal(("crashing", 3), (r.Service, r.ExitCode)));
        Assert.Contains("[crashing] exited with code 3; restart 1 in 50 ms", Lines());
        Assert.Contains("[crashing] exited with code 3; restart 4 in 400 ms", Lines());
    }

    [Fact]
    public async Task Supervise_ProcessThatStayedUpLongerThanResetAfter_StartsItsBackoffOver()
    {
        // The fourth run lives three seconds, longer than ResetAfter; the others die at once (with
        // room for a slow start on a busy machine).
        var policy = new RestartPolicy { FirstDelay = Ms(50), MaxDelay = Ms(1000), ResetAfter = Ms(2000), CrashLoopThreshold = 100 };
        await using var runner = Runner(policy, ("crashing", """
            n=$(( $(cat runs 2>/dev/null || echo 0) + 1 )); echo $n > runs
            if [ "$n" -eq 4 ]; then sleep 3; fi
            exit 3
            """));
        using var stop = new CancellationTokenSource();

        var supervising = runner.SuperviseAsync(stop.Token);
        await UntilAsync(() => runner.Restarts.Count >= 5);
        await stop.CancelAsync();
        await supervising.WaitAsync(Patience);

        var restarts = runner.Restarts.Take(5).ToList();
        Assert.Equal([50, 100, 200, 50, 100], restarts.Select(r => r.Delay.TotalMilliseconds));
        Assert.Equal([1, 2, 3, 4, 5], restarts.Select(r => r.Count));
    }

    [Fact]
    public async Task Supervise_CrashLoopingProcess_IsReportedOnce_AndRestartedNoFasterThanMaxDelay()
    {
        var policy = new RestartPolicy { FirstDelay = Ms(50), MaxDelay = Ms(600), CrashLoopThreshold = 3, CrashLoopWindow = TimeSpan.FromMinutes(1) };
        await using var runner = Runner(policy, ("crashing", "date +%s%N >> starts; exit 3"));
        using var stop = new CancellationTokenSource();

        // Each run notes when it started, by the system clock, free of any delay in reading its output.
        List<TimeSpan> Starts() =>
            File.Exists(Path.Combine(_directory.FullName, "starts"))
                ? [.. File.ReadAllLines(Path.Combine(_directory.FullName, "starts")).Where(l => l.Length > 0).Select(l => TimeSpan.FromTicks(long.Parse(l, CultureInfo.InvariantCulture) / 100))]
                : [];

        var supervising = runner.SuperviseAsync(stop.Token);
        await UntilAsync(() => runner.Restarts.Count >= 5 && Starts().Count >= 6);
        await stop.CancelAsync();
        await supervising.WaitAsync(Patience);

        Assert.Equal([50, 100, 600, 600, 600], runner.Restarts.Take(5).Select(r => r.Delay.TotalMilliseconds));
        var report = Assert.Single(Lines(), l => l.Contains("crash-looping", StringComparison.Ordinal));
        Assert.Equal("[crashing] is crash-looping: it died 3 times within 1 min; restarting it every 600 ms until it stays up 1 min", report);

        // Measured on the starts themselves, not on the delays the supervisor says it waited.
        var starts = Starts();
        Assert.True(starts.Count >= 6);
        Assert.All(starts.Skip(2).Zip(starts.Skip(3)), pair => Assert.True(pair.Second - pair.First >= Ms(600), $"restarted {(pair.Second - pair.First).TotalMilliseconds} ms after the previous start"));
    }

    [Fact]
    public async Task KillAsync_SupervisedProcess_IsRestartedAndReportedWithSigkill_ButStopAsyncIsNotRestarted()
    {
        var policy = new RestartPolicy { FirstDelay = Ms(100) };
        await using var runner = Runner(policy, ("sleeper", "exec sleep 600"));
        using var stop = new CancellationTokenSource();
        var killed = runner["sleeper"].ProcessId;
        var supervising = runner.SuperviseAsync(stop.Token);

        await runner.KillAsync("sleeper");
        await UntilAsync(() => runner.Restarts.Count == 1);

        var restart = Assert.Single(runner.Restarts);
        Assert.Equal(("sleeper", 137, 1, Ms(100)), (restart.Service, restart.ExitCode, restart.Count, restart.Delay));
        Assert.True(restart.ExitToReady >= Ms(100), $"ready {restart.ExitToReady} after the exit");
        Assert.Contains("[sleeper] exited with code 137 (SIGKILL); restart 1 in 100 ms", Lines());
        Assert.Contains(Lines(), l => l.StartsWith("[sleeper] ready again ", StringComparison.Ordinal) && l.EndsWith(" after it exited (restart 1)", StringComparison.Ordinal));
        var restarted = runner["sleeper"].ProcessId;
        Assert.NotEqual(killed, restarted);
        Assert.False(IsAlive(killed));
        Assert.True(IsAlive(restarted));

        await runner.StopAsync("sleeper");
        await Task.Delay(Ms(500));
        Assert.Single(runner.Restarts);
        Assert.Equal(restarted, runner["sleeper"].ProcessId);
        Assert.False(IsAlive(restarted));
        await stop.CancelAsync();
        await supervising.WaitAsync(Patience);
    }

    [Fact]
    public async Task Supervise_AfterARestart_WaitsForTheReadinessProbe_AndRecordsTheTimeFromExitToReady()
    {
        var port = CxProcess.FreePort();
        using var probe = new HttpListener();
        probe.Prefixes.Add($"http://127.0.0.1:{port}/");
        probe.Start();
        var readyAt = DateTime.MinValue;
        var answering = AnswerProbesAsync(probe, () => DateTime.UtcNow >= readyAt);

        var policy = new RestartPolicy { FirstDelay = Ms(100) };
        await using var runner = Runner(policy, ("probed", "exec sleep 600", port));
        await runner.WaitReadyAsync("probed", CancellationToken.None);
        using var stop = new CancellationTokenSource();
        var supervising = runner.SuperviseAsync(stop.Token);

        readyAt = DateTime.UtcNow.AddMilliseconds(800);
        await runner.KillAsync("probed");
        await UntilAsync(() => runner.Restarts.Count == 1);

        var restart = Assert.Single(runner.Restarts);
        // The probe says ready 800 ms after the kill; the supervisor notes the exit when it sees it,
        // which on a loaded machine is a few hundred milliseconds late. Without waiting for the
        // probe it would be ready in the 100 ms of its first delay and the start.
        Assert.True(restart.ExitToReady >= Ms(400), $"ready {restart.ExitToReady} after the exit, before the probe answered");
        Assert.True(restart.ExitToReady < TimeSpan.FromSeconds(10), $"ready {restart.ExitToReady} after the exit");
        Assert.Contains(Lines(), l => l.StartsWith("[probed] ready again ", StringComparison.Ordinal));
        await stop.CancelAsync();
        await supervising.WaitAsync(Patience);
        probe.Stop();
        await answering;
    }

    [Fact]
    public async Task Supervise_StopDuringAPendingBackoff_StartsNothingMore_AndNoProcessOutlivesTheRunner()
    {
        var policy = new RestartPolicy { FirstDelay = TimeSpan.FromSeconds(1) };
        await using var runner = Runner(policy, ("steady", "echo $$ >> pids; exec sleep 600"), ("crashing", "echo $$ >> pids; exit 3"));
        using var stop = new CancellationTokenSource();
        var supervising = runner.SuperviseAsync(stop.Token);

        await UntilAsync(() => Lines().Contains("[crashing] exited with code 3; restart 1 in 1 s"));
        await stop.CancelAsync();
        await supervising.WaitAsync(TimeSpan.FromSeconds(2));
        await runner.DisposeAsync();
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        var pids = await PidsAsync();
        Assert.Equal(2, pids.Count);
        Assert.All(pids, pid => Assert.False(IsAlive(pid), $"process {pid} is still alive"));
        Assert.Empty(runner.Restarts);
    }

    [Fact]
    public async Task Supervise_StopWhileARestartedProcessIsStarting_StopsIt_AndRecordsNoRestart()
    {
        // The second run never answers its probe: nothing listens on the port.
        var policy = new RestartPolicy { FirstDelay = Ms(50) };
        await using var runner = Runner(policy, ("starting", """
            echo $$ >> pids
            if [ "$(wc -l < pids)" -eq 1 ]; then exit 3; fi
            exec sleep 600
            """, CxProcess.FreePort()));
        using var stop = new CancellationTokenSource();
        var supervising = runner.SuperviseAsync(stop.Token);

        await UntilAsync(() => File.Exists(Path.Combine(_directory.FullName, "pids")) && File.ReadAllLines(Path.Combine(_directory.FullName, "pids")).Length == 2);
        await Task.Delay(Ms(300));
        await stop.CancelAsync();
        await supervising.WaitAsync(TimeSpan.FromSeconds(2));
        await runner.DisposeAsync();

        var pids = await PidsAsync();
        Assert.Equal(2, pids.Count);
        Assert.All(pids, pid => Assert.False(IsAlive(pid), $"process {pid} is still alive"));
        Assert.Empty(runner.Restarts);
    }

    [Fact]
    public async Task Run_ChildKilledWithSigkill_IsRestartedAndReady_ThenSigtermStopsAll()
    {
        await File.WriteAllTextAsync(Path.Combine(_directory.FullName, "sleeper.sh"), "echo pid $$\nexec sleep 600\n");
        await File.WriteAllTextAsync(Path.Combine(_directory.FullName, "tye.yaml"), """
            name: sleepers
            services:
              - name: sleeper
                executable: sh
                args: sleeper.sh
              - name: other
                executable: sh
                args: sleeper.sh
            """);
        await using var process = CxProcess.Start(TopologyFixture.CxAssembly, ["run", "--from", Path.Combine(_directory.FullName, "tye.yaml")]);
        await process.WaitForLineAsync(l => l.StartsWith("Ready:", StringComparison.Ordinal), TimeSpan.FromMinutes(1));
        var killed = Assert.Single(Pids(process.Output, "sleeper"));
        var other = Assert.Single(Pids(process.Output, "other"));

        using (var child = Process.GetProcessById(killed))
        {
            child.Kill();
        }

        await process.WaitForLineAsync(l => l == "[sleeper] exited with code 137 (SIGKILL); restart 1 in 1 s", Patience);
        await process.WaitForLineAsync(l => l.StartsWith("[sleeper] ready again ", StringComparison.Ordinal), Patience);
        await process.WaitForLineAsync(l => l.StartsWith("[sleeper] pid ", StringComparison.Ordinal) && l != $"[sleeper] pid {killed}", Patience);
        var restarted = Assert.Single(Pids(process.Output, "sleeper"), pid => pid != killed);
        Assert.True(IsAlive(restarted));
        Assert.True(IsAlive(other), "the other service kept running");

        Assert.Equal(0, await process.TerminateAsync(Patience));
        Assert.All(new[] { killed, restarted, other }, pid => Assert.False(IsAlive(pid), $"process {pid} is still alive"));
    }

    /// <summary>A topology of shell scripts in the test's folder, started, with output recorded.</summary>
    private TopologyRunner Runner(RestartPolicy policy, params (string Name, string Script, int? ProbePort)[] services)
    {
        var yaml = new System.Text.StringBuilder("name: supervised\nservices:\n");
        foreach (var (name, script, probePort) in services)
        {
            File.WriteAllText(Path.Combine(_directory.FullName, name + ".sh"), script + "\n");
            yaml.Append(CultureInfo.InvariantCulture, $"  - name: {name}\n    executable: sh\n    args: {name}.sh\n");
            if (probePort is { } port)
            {
                yaml.Append(CultureInfo.InvariantCulture, $"    bindings: [{{port: {port}}}]\n    readiness: {{http: {{path: /ready}}}}\n");
            }
        }

        File.WriteAllText(Path.Combine(_directory.FullName, "tye.yaml"), yaml.ToString());
        var runner = new TopologyRunner(TyeFile.Load(Path.Combine(_directory.FullName, "tye.yaml")), new TopologyRunnerOptions
        {
            Output = (service, line) => _output.Enqueue((_clock.Elapsed, $"[{service}] {line}")),
            Restarts = policy,
            StopTimeout = TimeSpan.FromSeconds(5),
        });
        runner.StartAll();
        return runner;
    }

    private TopologyRunner Runner(RestartPolicy policy, params (string Name, string Script)[] services) =>
        Runner(policy, [.. services.Select(s => (s.Name, s.Script, (int?)null))]);

    private List<string> Lines() => [.. _output.Select(o => o.Line)];

    private async Task UntilAsync(Func<bool> condition)
    {
        var deadline = _clock.Elapsed + Patience;
        while (!condition())
        {
            Assert.True(_clock.Elapsed < deadline, "Not reached in time. Output:\n" + string.Join('\n', Lines()));
            await Task.Delay(Ms(20));
        }
    }

    private async Task<List<int>> PidsAsync() =>
        [.. (await File.ReadAllLinesAsync(Path.Combine(_directory.FullName, "pids"))).Select(l => int.Parse(l, CultureInfo.InvariantCulture))];

    private static IEnumerable<int> Pids(string output, string service) =>
        PidLine().Matches(output).Where(m => m.Groups["service"].Value == service).Select(m => int.Parse(m.Groups["pid"].Value, CultureInfo.InvariantCulture));

    /// <summary>Whether the process exists and is not a zombie its parent has yet to reap.</summary>
    private static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return false;
        }
    }

    private static async Task AnswerProbesAsync(HttpListener listener, Func<bool> ready)
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            context.Response.StatusCode = ready() ? 200 : 503;
            context.Response.Close();
        }
    }

    private static TimeSpan Ms(int milliseconds) => TimeSpan.FromMilliseconds(milliseconds);

    [GeneratedRegex(@"^\[(?<service>[\w-]+)\] pid (?<pid>\d+)\r?$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex PidLine();
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;

namespace Cx.Host.Launch.Topology;

/// <summary>How a topology is run: where its processes' output goes, and how long they get.</summary>
internal sealed record TopologyRunnerOptions
{
    /// <summary>Every line a service's process writes (stdout and stderr), with the service's name.</summary>
    public Action<string, string> Output { get; init; } = (_, _) => { };

    /// <summary>How long a service may take to answer its readiness probe.</summary>
    public TimeSpan ReadinessTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a service may take to stop after SIGTERM before it is killed.</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>The cx build that runs entries naming the cx host's project; by default this one.</summary>
    public string CxAssembly { get; init; } = typeof(TopologyRunner).Assembly.Location;

    /// <summary>How <see cref="TopologyRunner.SuperviseAsync"/> restarts a process that died.</summary>
    public RestartPolicy Restarts { get; init; } = new();

    /// <summary>The clock of the restart delays and of the uptimes and windows they depend on.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}

/// <summary>One started process of a topology's service.</summary>
internal sealed class ServiceInstance(TopologyService service, Process process, long startedAt)
{
    public TopologyService Service { get; } = service;

    public Process Process { get; } = process;

    public int ProcessId { get; } = process.Id;

    /// <summary>When it was started, as a timestamp of the runner's clock.</summary>
    public long StartedAt { get; } = startedAt;

    /// <summary>Whether it was asked to stop, so that its exit is not a death to restart it from.</summary>
    public bool StopRequested { get; set; }

    /// <summary>Completes with the exit code when the process ends, however it ends.</summary>
    public Task<int> Exited { get; } = WaitAsync(process);

    private static async Task<int> WaitAsync(Process process)
    {
        await process.WaitForExitAsync();
        return process.ExitCode;
    }
}

/// <summary>
/// Starts a topology's entries as child processes, each with the entry's command, arguments and
/// environment (over this process's own, as tye does), its output passed on line by line; waits
/// on their readiness probes; stops them with SIGTERM (SIGKILL after the stop timeout).
/// </summary>
internal sealed class TopologyRunner(Topology topology, TopologyRunnerOptions options) : IAsyncDisposable
{
    /// <summary>The project file of the cx host: an entry naming it runs this cx build directly.</summary>
    public static readonly string HostProjectFile = typeof(TopologyRunner).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Cx.HostProject").Value!;

    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(5) };

    private readonly ConcurrentDictionary<string, ServiceInstance> _running = new(StringComparer.Ordinal);

    // Orders starts against stops: a stop asked for is seen by every start that follows it.
    private readonly Lock _gate = new();
    private readonly ConcurrentQueue<RestartRecord> _restarts = new();
    private TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Topology Topology { get; } = topology;

    public IReadOnlyCollection<ServiceInstance> Running => [.. _running.Values];

    public ServiceInstance this[string name] =>
        _running.TryGetValue(name, out var instance) ? instance : throw new InvalidOperationException($"{name} is not running.");

    /// <summary>Every restart <see cref="SuperviseAsync"/> made, in the order the restarted processes became ready (or failed to).</summary>
    public IReadOnlyList<RestartRecord> Restarts => [.. _restarts];

    /// <summary>Raised after each restart, once the new process is ready or has failed to become ready.</summary>
    public event Action<RestartRecord>? Restarted;

    /// <summary>Starts every entry, in file order, without waiting for one to be ready before the next (as tye does).</summary>
    public void StartAll()
    {
        foreach (var service in Topology.Services)
        {
            Start(service.Name);
        }
    }

    /// <summary>Starts the named entry as a new process, from the same definition each time.</summary>
    public ServiceInstance Start(string name)
    {
        lock (_gate)
        {
            return StartLocked(name);
        }
    }

    private ServiceInstance StartLocked(string name)
    {
        var service = Topology[name];
        if (_running.TryGetValue(name, out var previous))
        {
            if (!previous.Process.HasExited)
            {
                throw new InvalidOperationException($"{name} is already running (process {previous.ProcessId}).");
            }
        }

        var (program, arguments) = CommandFor(service);
        var workingDirectory = service.WorkingDirectory is { } directory ? Path.Combine(Topology.Directory, directory) : Topology.Directory;

        // An entry's own data folder (Redis's append-only file, say) exists from its first start on.
        Directory.CreateDirectory(workingDirectory);

        // The identity keys its services sign and check calls with are made with the topology's data.
        if (service.Env("Cx__Identity__KeyDirectory") is { } keys)
        {
            Cx.ServiceDefaults.Identity.IdentityKeyFiles.Ensure(Path.Combine(workingDirectory, keys), ServiceCatalog.All.Select(s => s.Name));
        }
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in service.Environment)
        {
            start.Environment[key] = value;
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{name}: {program} did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new TopologyFileException($"{name}: cannot start {program}: {e.Message}", e);
        }

        process.OutputDataReceived += (_, e) => Forward(name, e.Data);
        process.ErrorDataReceived += (_, e) => Forward(name, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        // The previous process is let go only now: if this start failed, it would still be the one listed.
        previous?.Process.Dispose();
        var instance = new ServiceInstance(service, process, options.Time.GetTimestamp());
        _running[name] = instance;
        Interlocked.Exchange(ref _started, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        return instance;
    }

    /// <summary>
    /// Waits until the entry's readiness probe answers 2xx (at once when it declares none). Fails
    /// as soon as the process ends, with its exit code, rather than waiting out the timeout.
    /// </summary>
    public async Task WaitReadyAsync(string name, CancellationToken cancellationToken)
    {
        var instance = this[name];
        if (instance.Service.Readiness is not { } readiness || instance.Service.ProbedBinding is not { } binding)
        {
            return;
        }

        var url = new Uri($"{binding.Protocol}://127.0.0.1:{binding.Port}{readiness.Path}");
        var deadline = DateTime.UtcNow + options.ReadinessTimeout;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (instance.Exited.IsCompleted)
            {
                throw new InvalidOperationException($"{name} exited with code {await instance.Exited} before it was ready.");
            }

            if (await AnswersAsync(url, cancellationToken))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{name} was not ready within {options.ReadinessTimeout.TotalSeconds:0} s ({url}).");
            }

            await Task.WhenAny(instance.Exited, Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken));
        }
    }

    private static async Task<bool> AnswersAsync(Uri url, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await Probe.GetAsync(url, cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            // Not listening yet.
            return false;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The probe timed out: the service is busy starting.
            return false;
        }
    }

    /// <summary>Waits until every started entry is ready.</summary>
    public Task WaitAllReadyAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_running.Keys.Select(name => WaitReadyAsync(name, cancellationToken)));

    /// <summary>Ends the named process at once (SIGKILL): no graceful stop, as a crash would.</summary>
    public async Task KillAsync(string name)
    {
        var instance = this[name];
        instance.Process.Kill();
        await instance.Exited;
    }

    /// <summary>Asks the named process to stop (SIGTERM); kills it if it has not stopped within the stop timeout.</summary>
    public async Task StopAsync(string name)
    {
        ServiceInstance instance;
        lock (_gate)
        {
            // Marked even when it has already died, so that a restart pending for it is called off.
            instance = this[name];
            instance.StopRequested = true;
        }

        if (instance.Exited.IsCompleted)
        {
            return;
        }

        if (!ProcessSignals.Terminate(instance.ProcessId) && !instance.Process.HasExited)
        {
            options.Output(name, "could not be sent SIGTERM: killed");
            instance.Process.Kill(entireProcessTree: true);
        }

        if (await Task.WhenAny(instance.Exited, Task.Delay(options.StopTimeout)) != instance.Exited)
        {
            options.Output(name, $"did not stop within {options.StopTimeout.TotalSeconds:0} s of SIGTERM: killed");
            instance.Process.Kill(entireProcessTree: true);
            await instance.Exited;
        }
    }

    /// <summary>Stops every running process at once (each gets the whole stop timeout).</summary>
    public Task StopAllAsync() => Task.WhenAll(_running.Keys.Select(StopAsync));

    /// <summary>
    /// Until <paramref name="stop"/> is cancelled: every process that dies on its own (anything but
    /// <see cref="StopAsync"/>, <see cref="KillAsync"/> included) is started again after the
    /// <see cref="TopologyRunnerOptions.Restarts"/> policy's delay and waited on until ready; each
    /// death, crash loop and return to readiness is written to the service's output. Returns once
    /// cancelled; no process is started after the cancellation, but those running are left to
    /// <see cref="StopAllAsync"/>.
    /// </summary>
    public async Task SuperviseAsync(CancellationToken stop)
    {
        options.Restarts.Validate();
        var supervision = new Supervision(stop);

        // Cancel() returns only once a start already under way has finished, so no start can follow it.
        using var registration = stop.Register(() =>
        {
            lock (_gate)
            {
                supervision.Halted = true;
            }
        });
        await Task.WhenAll(Topology.Services.Select(s => SuperviseAsync(s.Name, supervision)));
    }

    private async Task SuperviseAsync(string name, Supervision supervision)
    {
        var backoff = new Backoff(options.Restarts, options.Time);
        while (!supervision.Stop.IsCancellationRequested)
        {
            var started = Volatile.Read(ref _started).Task;
            if (!_running.TryGetValue(name, out var instance) || instance.StopRequested)
            {
                // Stopped on purpose (or not started): not ours to restart, but a process started later is watched.
                await Task.WhenAny(started, supervision.Stopped);
                continue;
            }

            await Task.WhenAny(instance.Exited, supervision.Stopped);
            if (supervision.Stop.IsCancellationRequested || instance.StopRequested)
            {
                continue;
            }

            var exitCode = await instance.Exited;
            var exitedAt = options.Time.GetTimestamp();
            var uptime = options.Time.GetElapsedTime(instance.StartedAt, exitedAt);
            var death = ProcessSignals.SignalOf(exitCode) is { } signal ? $"exited with code {exitCode} ({signal})" : $"exited with code {exitCode}";
            var restarted = await RestartAsync(name, instance, death, uptime, backoff, supervision);
            if (restarted is not { } count)
            {
                continue;
            }

            TimeSpan? exitToReady = null;
            try
            {
                await WaitReadyAsync(name, supervision.Stop);
                exitToReady = options.Time.GetElapsedTime(exitedAt);
                options.Output(name, $"ready again {Describe(exitToReady.Value)} after it exited (restart {count})");
            }
            catch (OperationCanceledException) when (supervision.Stop.IsCancellationRequested)
            {
                return;
            }
            catch (InvalidOperationException)
            {
                // Died again before it was ready: the next turn reports that death.
            }
            catch (TimeoutException e)
            {
                // Left running: if it never gets ready the operator sees why; if it dies, it is restarted.
                options.Output(name, $"restart {count}: {e.Message}");
            }

            var record = new RestartRecord(name, exitCode, count, backoff.LastDelay, exitToReady);
            _restarts.Enqueue(record);
            Restarted?.Invoke(record);
        }
    }

    /// <summary>
    /// Waits out the backoff and starts the service again, trying on (as more deaths) while its
    /// command cannot be started. Returns the restart's count, or null when there is nothing to
    /// start any more: supervision stopped, the service was stopped, or someone else started it.
    /// </summary>
    private async Task<int?> RestartAsync(string name, ServiceInstance dead, string death, TimeSpan uptime, Backoff backoff, Supervision supervision)
    {
        while (true)
        {
            var (delay, crashLooping) = backoff.Died(uptime);
            options.Output(name, $"{death}; restart {backoff.Restarts} in {Describe(delay)}");
            if (crashLooping)
            {
                options.Output(name, $"is crash-looping: it died {backoff.RecentDeaths} times within {Describe(options.Restarts.CrashLoopWindow)}; " +
                    $"restarting it every {Describe(options.Restarts.MaxDelay)} until it stays up {Describe(options.Restarts.ResetAfter)}");
            }

            try
            {
                await Task.Delay(delay, options.Time, supervision.Stop);
            }
            catch (OperationCanceledException)
            {
                return null;
            }

            lock (_gate)
            {
                if (supervision.Halted || dead.StopRequested || !ReferenceEquals(_running.GetValueOrDefault(name), dead))
                {
                    return null;
                }

                try
                {
                    StartLocked(name);
                    return backoff.Restarts;
                }
                catch (TopologyFileException e)
                {
                    death = $"could not be restarted ({e.Message})";
                    uptime = TimeSpan.Zero;
                }
            }
        }
    }

    /// <summary>A duration as the output shows it: milliseconds under a second, then seconds, then minutes.</summary>
    internal static string Describe(TimeSpan duration) => duration switch
    {
        { TotalSeconds: < 1 } => $"{duration.TotalMilliseconds:0} ms",
        { TotalSeconds: < 60 } => $"{duration.TotalSeconds:0.#} s",
        _ => $"{duration.TotalMinutes:0.#} min",
    };

    /// <summary>One call of <see cref="SuperviseAsync(CancellationToken)"/>: its stop, as a token and as a task to wait on beside others.</summary>
    private sealed class Supervision(CancellationToken stop)
    {
        public CancellationToken Stop { get; } = stop;

        public Task Stopped { get; } = Task.Delay(Timeout.Infinite, stop);

        /// <summary>Set under the gate when the stop is asked for; checked under it before each restart.</summary>
        public bool Halted { get; set; }
    }

    /// <summary>One service's deaths: the delay each calls for, and whether it is in a crash loop.</summary>
    private sealed class Backoff(RestartPolicy policy, TimeProvider time)
    {
        private readonly Queue<long> _deaths = new();
        private int _inARow;
        private bool _looping;

        /// <summary>Restarts so far, across crash loops and resets, as Kubernetes counts a pod's.</summary>
        public int Restarts { get; private set; }

        public int RecentDeaths => _deaths.Count;

        public TimeSpan LastDelay { get; private set; }

        /// <summary>Counts a death after <paramref name="uptime"/>; true in the result only for the death that starts a crash loop.</summary>
        public (TimeSpan Delay, bool CrashLoopStarted) Died(TimeSpan uptime)
        {
            if (uptime >= policy.ResetAfter)
            {
                // It was healthy: this death starts a new count, and a crash loop it was in is over.
                _inARow = 0;
                _deaths.Clear();
                _looping = false;
            }

            var now = time.GetTimestamp();
            _inARow++;
            Restarts++;
            _deaths.Enqueue(now);
            while (time.GetElapsedTime(_deaths.Peek(), now) > policy.CrashLoopWindow)
            {
                _deaths.Dequeue();
            }

            var started = !_looping && _deaths.Count >= policy.CrashLoopThreshold;
            _looping |= started;
            LastDelay = _looping ? policy.MaxDelay : policy.DelayAfter(_inARow);
            return (LastDelay, started);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAllAsync();
        foreach (var instance in _running.Values)
        {
            instance.Process.Dispose();
        }
    }

    /// <summary>
    /// The program and arguments an entry runs. A project entry naming the cx host's project runs
    /// this cx build (`dotnet cx.dll ARGS`): no build per service, and the process started is the
    /// service itself, so a signal sent to it reaches the service. Any other project is run with
    /// `dotnet run`; an executable as named (a relative path from the file's folder, else from PATH).
    /// </summary>
    public (string Program, IReadOnlyList<string> Arguments) CommandFor(TopologyService service)
    {
        ArgumentNullException.ThrowIfNull(service);
        switch (service.Kind)
        {
            case TopologyKind.Project when string.Equals(Path.GetFileName(service.Target), HostProjectFile, StringComparison.OrdinalIgnoreCase):
                return (DotnetHost(), [options.CxAssembly, .. service.Args]);
            case TopologyKind.Project:
                return (DotnetHost(), ["run", "--project", Path.Combine(Topology.Directory, service.Target), "--", .. service.Args]);
            case TopologyKind.Executable:
                var relative = service.Target.Contains('/', StringComparison.Ordinal);
                return (relative ? Path.GetFullPath(Path.Combine(Topology.Directory, service.Target)) : service.Target, service.Args);
            default:
                throw new TopologyFileException($"{service.Name} is the container image {service.Target}: cx run starts processes, not containers. Start it yourself and leave it out with --skip {service.Name}.");
        }
    }

    /// <summary>The dotnet host this process runs on, when it is one; else the one on PATH.</summary>
    private static string DotnetHost() =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";

    private void Forward(string name, string? line)
    {
        if (line is not null)
        {
            options.Output(name, line);
        }
    }
}

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
}

/// <summary>One started process of a topology's service.</summary>
internal sealed class ServiceInstance(TopologyService service, Process process)
{
    public TopologyService Service { get; } = service;

    public Process Process { get; } = process;

    public int ProcessId { get; } = process.Id;

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

    public Topology Topology { get; } = topology;

    public IReadOnlyCollection<ServiceInstance> Running => [.. _running.Values];

    public ServiceInstance this[string name] =>
        _running.TryGetValue(name, out var instance) ? instance : throw new InvalidOperationException($"{name} is not running.");

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
        var service = Topology[name];
        if (_running.TryGetValue(name, out var previous))
        {
            if (!previous.Process.HasExited)
            {
                throw new InvalidOperationException($"{name} is already running (process {previous.ProcessId}).");
            }

            previous.Process.Dispose();
        }

        var (program, arguments) = CommandFor(service);
        var workingDirectory = service.WorkingDirectory is { } directory ? Path.Combine(Topology.Directory, directory) : Topology.Directory;

        // An entry's own data folder (Redis's append-only file, say) exists from its first start on.
        Directory.CreateDirectory(workingDirectory);
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
        var instance = new ServiceInstance(service, process);
        _running[name] = instance;
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
        var instance = this[name];
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

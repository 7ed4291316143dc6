using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Cx.Testing.Processes;

/// <summary>
/// The real `cx` executable as a user or a container starts it (`dotnet cx.dll ARGS`), its output
/// collected, stopped with the signal an orchestrator sends. Disposing it kills what is left.
/// </summary>
public sealed class CxProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly List<(Func<string, bool> Matches, TaskCompletionSource Seen)> _waits = [];

    private CxProcess(Process process) => _process = process;

    public int Id => _process.Id;

    /// <summary>Everything written so far, stdout and stderr interleaved.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <param name="cxAssembly">The cx.dll to run; the tests' own output holds one.</param>
    /// <param name="environment">Variables over this process's environment.</param>
    /// <param name="workingDirectory">Where it runs, as a user's shell would stand; by default the tests' own.</param>
    public static CxProcess Start(string cxAssembly, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        start.ArgumentList.Add(cxAssembly);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["NO_COLOR"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = new CxProcess(Process.Start(start)!);
        process._process.OutputDataReceived += (_, e) => process.Collect(e.Data);
        process._process.ErrorDataReceived += (_, e) => process.Collect(e.Data);
        process._process.BeginOutputReadLine();
        process._process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Waits for a line of output; fails with the output so far if the process ends first or the time runs out.</summary>
    public async Task WaitForLineAsync(Func<string, bool> matches, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_output)
        {
            if (_output.ToString().Split('\n').Any(l => matches(l.TrimEnd('\r'))))
            {
                return;
            }

            _waits.Add((matches, seen));
        }

        await Task.WhenAny(seen.Task, _process.WaitForExitAsync(), Task.Delay(timeout));
        Assert.True(seen.Task.IsCompleted, $"The expected line did not appear (exited: {_process.HasExited}). Output:\n{Output}");
    }

    /// <summary>Waits for the process to end by itself (a command that runs to completion) and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout);
        return _process.ExitCode;
    }

    /// <summary>Sends SIGTERM, as Kubernetes or Ctrl-C in a terminal would, and returns the exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        return await WaitForExitAsync(timeout);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary><paramref name="count"/> distinct free ports, for a whole topology at once.</summary>
    public static Queue<int> FreePorts(int count)
    {
        var ports = new HashSet<int>();
        while (ports.Count < count)
        {
            ports.Add(FreePort());
        }

        return new Queue<int>(ports);
    }

    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private void Collect(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
            foreach (var wait in _waits.Where(w => w.Matches(line)).ToList())
            {
                wait.Seen.TrySetResult();
                _waits.Remove(wait);
            }
        }
    }
}

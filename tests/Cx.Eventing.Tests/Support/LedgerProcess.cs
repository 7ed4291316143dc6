using System.Diagnostics;
using System.Text.Json;
using Cx.Eventing.TestServices.Ledger;
using Microsoft.Extensions.Hosting;

using Cx.Eventing.TestServices;

namespace Cx.Eventing.Tests.Support;

/// <summary>
/// The ledger as a process of its own, so a test can kill it with SIGKILL mid-batch. This test
/// assembly is its executable: `dotnet Cx.Eventing.Tests.dll ledger-process SETTINGS.json`.
/// </summary>
public static class LedgerProcess
{
    public const string Verb = "ledger-process";

    public static async Task<int> Main(string[] args)
    {
        if (args.Length != 2 || args[0] != Verb)
        {
            await Console.Error.WriteLineAsync($"usage: {Verb} SETTINGS.json");
            return 2;
        }

        var settings = JsonSerializer.Deserialize<Dictionary<string, string?>>(await File.ReadAllTextAsync(args[1]))!;
        using var host = ServiceHosts.BuildLedger(settings, new FailureSwitch { HandlerDelay = TimeSpan.FromMilliseconds(2) });
        await host.StartAsync();
        await Console.Out.WriteLineAsync("ledger ready");
        await host.WaitForShutdownAsync();
        return 0;
    }

    /// <summary>Starts a ledger process with the world's ledger settings; it is ready when it returns.</summary>
    public static async Task<Process> StartAsync(EventingWorld world, string directory)
    {
        var settingsFile = Path.Combine(directory, "ledger-settings.json");
        await File.WriteAllTextAsync(settingsFile, JsonSerializer.Serialize(world.Settings("ledger")));
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { typeof(LedgerProcess).Assembly.Location, Verb, settingsFile },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start)!;
        var ready = new TaskCompletionSource();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data == "ledger ready")
            {
                ready.TrySetResult();
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return process;
    }
}

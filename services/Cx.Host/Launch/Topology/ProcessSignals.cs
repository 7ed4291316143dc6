using System.Runtime.InteropServices;

namespace Cx.Host.Launch.Topology;

/// <summary>
/// SIGTERM for a child process: .NET can only kill (SIGKILL), and a service stops gracefully only
/// on the polite signal. Called through libc rather than kill(1), which minimal systems lack.
/// </summary>
internal static class ProcessSignals
{
    private const int SigTerm = 15;

    // The signals a service is commonly ended by; others are shown by number.
    private static readonly Dictionary<int, string> Names = new()
    {
        [1] = "SIGHUP", [2] = "SIGINT", [3] = "SIGQUIT", [4] = "SIGILL", [6] = "SIGABRT", [7] = "SIGBUS",
        [8] = "SIGFPE", [9] = "SIGKILL", [11] = "SIGSEGV", [13] = "SIGPIPE", [14] = "SIGALRM", [15] = "SIGTERM",
    };

    /// <summary>
    /// The signal an exit code says ended the process, e.g. SIGKILL for 137: on Unix .NET reports a
    /// process ended by signal N as 128+N. A process may also exit with such a code itself, so the
    /// name is a reading of the code, not a certainty; null for codes outside 129..159.
    /// </summary>
    public static string? SignalOf(int exitCode) =>
        exitCode is > 128 and < 160 ? Names.GetValueOrDefault(exitCode - 128) ?? $"signal {exitCode - 128}" : null;

    /// <returns>False when the process could not be signalled: it no longer exists, or this system has no libc kill.</returns>
    public static bool Terminate(int processId)
    {
        try
        {
            return Kill(processId, SigTerm) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    // Plain integers cross unchanged, so no marshalling code (and no unsafe build) is needed.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Kill(int processId, int signal);
}

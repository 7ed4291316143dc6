using System.Runtime.InteropServices;

namespace Cx.Host.Launch.Topology;

/// <summary>
/// SIGTERM for a child process: .NET can only kill (SIGKILL), and a service stops gracefully only
/// on the polite signal. Called through libc rather than kill(1), which minimal systems lack.
/// </summary>
internal static class ProcessSignals
{
    private const int SigTerm = 15;

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

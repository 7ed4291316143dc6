using System.CommandLine;
using Cx.Host.Launch;
using Spectre.Console;

namespace Cx.Host.Commands;

/// <summary>
/// `--data DIR`, the same for every command that works on a platform's data. A relative path is
/// the caller's (./cx runs the host in the caller's working directory).
/// </summary>
internal static class DataDirectoryOption
{
    public const string Default = "data";

    /// <summary>
    /// For commands that only read a platform's data: a directory without the service's data is a
    /// wrong --data, so it is named instead of quietly answered with nothing (and left as found).
    /// </summary>
    public static bool HoldsDataOf(IAnsiConsole console, string command, string service, string dataDirectory)
    {
        if (PlatformLauncher.HoldsDataOf(service, dataDirectory))
        {
            return true;
        }

        console.MarkupLine($"[red]{Markup.Escape(command)} failed:[/] {Markup.Escape(Path.GetFullPath(dataDirectory))} holds no {Markup.Escape(service)} data. Pass the --data directory cx up uses (by default ./data in the directory cx up was started from).");
        return false;
    }

    public static Option<string> Create(string description) => new("--data")
    {
        Description = description,
        DefaultValueFactory = _ => Default,
    };
}

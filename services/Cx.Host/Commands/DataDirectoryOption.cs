using System.CommandLine;

namespace Cx.Host.Commands;

/// <summary>`--data DIR`, the same for every command that works on a platform's data.</summary>
internal static class DataDirectoryOption
{
    public const string Default = "data";

    public static Option<string> Create(string description) => new("--data")
    {
        Description = description,
        DefaultValueFactory = _ => Default,
    };
}

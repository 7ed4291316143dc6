using Cx.Host.Commands;
using Spectre.Console;

namespace Cx.Host.Tests.Support;

/// <summary>The `cx` command line run in this process, its console captured without colours.</summary>
internal static class CxCommandLine
{
    public static async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        using var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), ColorSystem = ColorSystemSupport.NoColors, Ansi = AnsiSupport.No });
        console.Profile.Width = 300;
        var exit = await CxCli.Create(console).Parse(args).InvokeAsync();
        return (exit, writer.ToString());
    }
}

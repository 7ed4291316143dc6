using System.CommandLine;
using Cx.Host.Commands;
using Spectre.Console;

// Redirected output (a log file, a pipe, a CI record) is read as text: no colour or style codes,
// and no terminal width to wrap the endpoint table at.
var console = Console.IsOutputRedirected
    ? AnsiConsole.Create(new AnsiConsoleSettings
    {
        Ansi = AnsiSupport.No,
        ColorSystem = ColorSystemSupport.NoColors,
        Out = new AnsiConsoleOutput(Console.Out),
    })
    : AnsiConsole.Console;
if (Console.IsOutputRedirected)
{
    console.Profile.Width = 160;
}

// In-flight calls get time to finish after Ctrl-C before the process is ended.
return await CxCli.Create(console)
    .Parse(args)
    .InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) });

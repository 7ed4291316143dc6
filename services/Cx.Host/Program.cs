using System.CommandLine;
using Cx.Host.Commands;
using Spectre.Console;

// Redirected output (a log file, a CI record) has no terminal width: do not wrap the endpoint table.
if (Console.IsOutputRedirected)
{
    AnsiConsole.Console.Profile.Width = 160;
}

// In-flight calls get time to finish after Ctrl-C before the process is ended.
return await CxCli.Create(AnsiConsole.Console)
    .Parse(args)
    .InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) });

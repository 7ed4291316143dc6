using System.CommandLine;
using Cx.Host.Commands;
using Spectre.Console;

// In-flight calls get time to finish after Ctrl-C before the process is ended.
return await CxCli.Create(AnsiConsole.Console)
    .Parse(args)
    .InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) });

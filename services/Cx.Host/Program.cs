using System.CommandLine;
using Cx.Host.Commands;
using Spectre.Console;

var root = new RootCommand("cx: the customer-experience operating system.")
{
    UpCommand.Create(AnsiConsole.Console),
};

// In-flight calls get time to finish after Ctrl-C before the process is ended.
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) });

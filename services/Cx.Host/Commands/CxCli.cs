using System.CommandLine;
using Spectre.Console;

namespace Cx.Host.Commands;

/// <summary>The `cx` command line: every verb in one tree.</summary>
internal static class CxCli
{
    public static RootCommand Create(IAnsiConsole console) =>
        new("cx: the customer-experience operating system.")
        {
            UpCommand.Create(console),
            ServeCommand.Create(console),
            RunCommand.Create(console),
            EventsCommand.Create(console),
            DbCommand.Create(console),
            KeysCommand.Create(console),
            IdentityCommand.Create(console),
            CatalogCommand.Create(console),
        };
}

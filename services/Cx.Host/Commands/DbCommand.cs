using System.CommandLine;
using Cx.Host.Launch;
using Spectre.Console;

namespace Cx.Host.Commands;

/// <summary>`cx db migrate`: every service's database to its latest migration, by hand.</summary>
internal static class DbCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var data = DataDirectoryOption.Create("The data directory of the platform (as given to cx up).");
        var migrate = new Command("migrate", "Apply pending migrations to every service's database (with the platform stopped).") { data };
        migrate.SetAction(async (parse, cancellationToken) =>
        {
            IReadOnlyList<(string Service, IReadOnlyList<string> Applied)> results;
            try
            {
                results = await PlatformLauncher.MigrateAsync(parse.GetValue(data)!, cancellationToken);
            }
            catch (DataDirectoryInUseException e)
            {
                console.MarkupLine($"[red]cx db migrate failed:[/] {Markup.Escape(e.Message)}");
                return 1;
            }

            if (results.Count == 0)
            {
                console.MarkupLine("None of the services keeps a database yet: nothing to migrate.");
                return 0;
            }

            foreach (var (service, applied) in results)
            {
                console.MarkupLine(applied.Count == 0
                    ? $"{Markup.Escape(service)}: up to date"
                    : $"{Markup.Escape(service)}: applied {Markup.Escape(string.Join(", ", applied))}");
            }

            return 0;
        });
        return new Command("db", "Service databases.") { migrate };
    }
}

using System.CommandLine;
using Cx.Host.Launch;
using Spectre.Console;

namespace Cx.Host.Commands;

/// <summary>
/// `cx db migrate`: databases to their latest migration, by hand. Without --service, every
/// service's database in cx up's data directory; with --service, one service's database as its
/// configuration names it (PostgreSQL through ConnectionStrings__&lt;service&gt;, say): the step a
/// cluster runs once before the replicas roll.
/// </summary>
internal static class DbCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var data = DataDirectoryOption.Create("The data directory of the platform (as given to cx up).");
        var service = new Option<string?>("--service")
        {
            Description = $"Migrate only this service's database, from its configuration (as cx serve reads it): {ServiceCatalog.Names}.",
        };
        var migrate = new Command("migrate", "Apply pending migrations: every service's database of cx up's data (with the platform stopped), or one service's configured database (--service).")
        {
            data, service,
        };
        migrate.Validators.Add(result =>
        {
            if (result.GetResult(service) is not null && result.GetResult(data) is { Implicit: false })
            {
                result.AddError("--data names cx up's data directory; with --service the service's configuration names its database.");
            }
        });

        // With --service, further --Key=value arguments are configuration, as for cx serve.
        migrate.TreatUnmatchedTokensAsErrors = false;
        migrate.SetAction((parse, cancellationToken) => parse.GetValue(service) is { } name
            ? MigrateServiceAsync(console, name, parse.UnmatchedTokens, cancellationToken)
            : MigrateDataDirectoryAsync(console, parse.GetValue(data)!, parse.UnmatchedTokens, cancellationToken));
        return new Command("db", "Service databases.") { migrate };
    }

    private static async Task<int> MigrateServiceAsync(IAnsiConsole console, string name, IReadOnlyList<string> configurationArgs, CancellationToken cancellationToken)
    {
        if (ServeCommand.Resolve(console, name) is not { } slot || !ServeCommand.CheckConfigurationArgs(console, configurationArgs))
        {
            return ServeCommand.UsageError;
        }

        IReadOnlyList<string>? applied;
        try
        {
            applied = await ServiceProcess.MigrateAsync(slot, configurationArgs, cancellationToken);
        }
        catch (Exception e) when (e is InvalidOperationException or System.Data.Common.DbException)
        {
            // A missing connection string, or a database that refuses: the Job's log must say which.
            console.MarkupLine($"[red]cx db migrate --service {Markup.Escape(name)} failed:[/] {Markup.Escape(e.Message)}");
            return 1;
        }

        console.MarkupLine(applied switch
        {
            null => $"{Markup.Escape(name)} keeps no database: nothing to migrate.",
            { Count: 0 } => $"{Markup.Escape(name)}: up to date",
            _ => $"{Markup.Escape(name)}: applied {Markup.Escape(string.Join(", ", applied))}",
        });
        return 0;
    }

    private static async Task<int> MigrateDataDirectoryAsync(IAnsiConsole console, string dataDirectory, IReadOnlyList<string> unexpected, CancellationToken cancellationToken)
    {
        if (unexpected.Count > 0)
        {
            console.MarkupLine($"[red]Unexpected argument '{Markup.Escape(unexpected[0])}'.[/] Configuration arguments go with --service.");
            return ServeCommand.UsageError;
        }

        IReadOnlyList<(string Service, IReadOnlyList<string> Applied)> results;
        try
        {
            results = await PlatformLauncher.MigrateAsync(dataDirectory, cancellationToken);
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
    }
}

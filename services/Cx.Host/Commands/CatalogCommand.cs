using System.CommandLine;
using Cx.Host.Catalog;
using Cx.Host.Launch;
using Spectre.Console;

namespace Cx.Host.Commands;

/// <summary>
/// `cx catalog write` and `cx catalog check`: the files the service catalog determines (tye.yaml,
/// dapr.yaml, the local Dapr component, the images' Dockerfiles, the chart's per-service values and
/// event scopes), written from it, or compared with it.
/// </summary>
internal static class CatalogCommand
{
    /// <summary>The exit code of `check` when a file differs from the catalog.</summary>
    public const int Drifted = 1;

    public static Command Create(IAnsiConsole console)
    {
        var write = new Command("write", "Write every file the catalog determines (a values.yaml region only between its markers), and remove Dockerfiles of services it no longer has.");
        var check = new Command("check", $"Exit {Drifted}, naming each file, when a generated file differs from what the catalog generates (a hand edit, or a catalog change not yet written).");
        foreach (var command in new[] { write, check })
        {
            var root = RootOption();
            command.Add(root);
            command.SetAction(parse => parse.GetValue(root) is { } given ? Run(console, command == write, given) : NoRoot(console));
        }

        return new Command("catalog", $"The service catalog ({ServiceCatalog.Names}) and the files generated from it.") { write, check };
    }

    private static Option<string?> RootOption() => new("--root")
    {
        Description = "The repository's root (default: the nearest directory holding Cx.slnx, from the current one up).",
        DefaultValueFactory = _ => FindRoot(Environment.CurrentDirectory),
    };

    private static int Run(IAnsiConsole console, bool write, string root)
    {
        var files = CatalogFiles.All();
        if (write)
        {
            IReadOnlyList<string> changed;
            try
            {
                changed = CatalogDrift.Write(root, files);
            }
            catch (InvalidOperationException e)
            {
                console.MarkupLine($"[red]Nothing written:[/] {Markup.Escape(e.Message)}");
                return Drifted;
            }

            console.WriteLine(changed.Count == 0 ? "Every generated file is up to date." : "Written: " + string.Join(", ", changed));
            return 0;
        }

        var drifts = CatalogDrift.Check(root, files);
        if (drifts.Count == 0)
        {
            console.WriteLine($"The {files.Count} generated files match the catalog.");
            return 0;
        }

        foreach (var drift in drifts)
        {
            console.MarkupLine($"[red]{Markup.Escape(drift.Path)}[/] {Markup.Escape(drift.Problem)}");
        }

        console.WriteLine("Change the catalog (services/Cx.Host/Launch/ServiceCatalog.cs) rather than these files, then run `cx catalog write`.");
        return Drifted;
    }

    private static int NoRoot(IAnsiConsole console)
    {
        console.MarkupLine("[red]No Cx.slnx here or above:[/] run this inside the repository, or give --root.");
        return ServeCommand.UsageError;
    }

    private static string? FindRoot(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Cx.slnx")))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}

using System.CommandLine;
using Cx.Eventing.Embedded;
using Cx.Host.Launch;
using Spectre.Console;

namespace Cx.Host.Commands;

/// <summary>`cx events`: the embedded backend's dead letters, listed and replayed.</summary>
internal static class EventsCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var data = new Option<string>("--data")
        {
            Description = "The data directory of the platform (as given to cx up).",
            DefaultValueFactory = _ => "data",
        };
        var list = new Command("dead-letters", "List the events a subscription gave up on, with why.") { data };
        list.SetAction((parse, cancellationToken) => ListAsync(console, parse.GetValue(data)!, cancellationToken));

        var id = new Argument<long>("id") { Description = "The dead letter's id, from `cx events dead-letters`." };
        var replay = new Command("replay", "Deliver a dead letter to its subscription again (while cx up runs).") { id, data };
        replay.SetAction((parse, cancellationToken) => ReplayAsync(console, parse.GetValue(data)!, parse.GetValue(id), cancellationToken));

        return new Command("events", "Inspect the event bus of the embedded backend.") { list, replay };
    }

    private static async Task<int> ListAsync(IAnsiConsole console, string dataDirectory, CancellationToken cancellationToken)
    {
        if (Open(console, dataDirectory) is not { } log)
        {
            return 1;
        }

        var letters = await log.DeadLettersAsync(cancellationToken);
        if (letters.Count == 0)
        {
            console.MarkupLine("No dead letters.");
            return 0;
        }

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("Id").AddColumn("Subscription").AddColumn("Event").AddColumn("Type").AddColumn("Attempts").AddColumn("Dead since").AddColumn("Reason");
        foreach (var letter in letters)
        {
            table.AddRow(
                letter.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Markup.Escape(letter.Subscription),
                Markup.Escape(letter.EventId),
                Markup.Escape(letter.EventType),
                letter.Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture) + (letter.ReplayRequested ? " (replay asked)" : string.Empty),
                letter.DeadAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture),
                Markup.Escape(letter.Reason));
        }

        console.Write(table);
        return 0;
    }

    private static async Task<int> ReplayAsync(IAnsiConsole console, string dataDirectory, long id, CancellationToken cancellationToken)
    {
        if (Open(console, dataDirectory) is not { } log)
        {
            return 1;
        }

        if (!await log.RequestReplayAsync(id, cancellationToken))
        {
            console.MarkupLine($"[red]There is no open dead letter {id}.[/] `cx events dead-letters` lists them.");
            return 1;
        }

        console.MarkupLine($"Replay of dead letter {id} requested: its subscription delivers it again within a second while cx up runs.");
        return 0;
    }

    private static EmbeddedEventLog? Open(IAnsiConsole console, string dataDirectory)
    {
        var path = PlatformLauncher.EventLogPath(dataDirectory);
        if (!File.Exists(path))
        {
            console.MarkupLine($"[red]No event log at {Markup.Escape(path)}.[/] Is --data the directory cx up uses?");
            return null;
        }

        return new EmbeddedEventLog(path);
    }
}

using System.CommandLine;
using Cx.Eventing.Embedded;
using Cx.Eventing.Redis;
using Cx.Eventing.Subscribing;
using StackExchange.Redis;
using Cx.Host.Launch;
using Spectre.Console;

namespace Cx.Host.Commands;

/// <summary>`cx events`: the embedded backend's dead letters, listed and replayed.</summary>
internal static class EventsCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var data = DataDirectoryOption.Create("The data directory of the platform (as given to cx up).");
        var redis = new Option<string?>("--redis")
        {
            Description = "Use the Redis Streams transport at this address (StackExchange.Redis configuration) instead of the embedded log.",
        };
        var list = new Command("dead-letters", "List the events a subscription gave up on, with why.") { data, redis };
        list.SetAction((parse, cancellationToken) => ListAsync(console, parse.GetValue(data)!, parse.GetValue(redis), cancellationToken));

        var id = new Argument<string>("id") { Description = "The dead letter's id, from `cx events dead-letters`." };
        var replay = new Command("replay", "Deliver a dead letter to its subscription again (while the platform runs).") { id, data, redis };
        replay.SetAction((parse, cancellationToken) => ReplayAsync(console, parse.GetValue(data)!, parse.GetValue(redis), parse.GetValue(id)!, cancellationToken));

        return new Command("events", "Inspect the event bus: dead letters and their replay.") { list, replay };
    }

    private static async Task<int> ListAsync(IAnsiConsole console, string dataDirectory, string? redis, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(redis);
        if (Open(console, dataDirectory, connection) is not { } deadLetters)
        {
            return 1;
        }

        var letters = await deadLetters.ListAsync(cancellationToken);
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
                Markup.Escape(letter.Id),
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

    private static async Task<int> ReplayAsync(IAnsiConsole console, string dataDirectory, string? redis, string id, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(redis);
        if (Open(console, dataDirectory, connection) is not { } deadLetters)
        {
            return 1;
        }

        if (!await deadLetters.RequestReplayAsync(id, cancellationToken))
        {
            console.MarkupLine($"[red]There is no open dead letter {Markup.Escape(id)}.[/] `cx events dead-letters` lists them.");
            return 1;
        }

        console.MarkupLine($"Replay of dead letter {Markup.Escape(id)} requested: its subscription delivers it again within a second while the platform runs.");
        return 0;
    }

    private static async Task<ConnectionMultiplexer?> ConnectAsync(string? redis) =>
        redis is null ? null : await ConnectionMultiplexer.ConnectAsync(redis);

    private static IDeadLetters? Open(IAnsiConsole console, string dataDirectory, ConnectionMultiplexer? redis)
    {
        if (redis is not null)
        {
            return new RedisDeadLetters(redis);
        }

        var path = PlatformLauncher.EventLogPath(dataDirectory);
        if (!File.Exists(path))
        {
            console.MarkupLine($"[red]No event log at {Markup.Escape(path)}.[/] Is --data the directory cx up uses?");
            return null;
        }

        return new EmbeddedEventLog(path);
    }
}

using System.CommandLine;
using Cx.Eventing.Embedded;
using Cx.Eventing.Outbox;
using Microsoft.Extensions.DependencyInjection;
using Cx.Eventing.Redis;
using Cx.Eventing.Subscribing;
using StackExchange.Redis;
using Cx.Host.Launch;
using Spectre.Console;

namespace Cx.Host.Commands;

/// <summary>
/// `cx events`: dead letters (embedded log or Redis; on the dapr backend, those a service keeps in
/// its database, with --service), listed and replayed; and a service's published events sent again
/// from its outbox after its broker lost them.
/// </summary>
internal static class EventsCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var data = DataDirectoryOption.Create("The data directory of the platform (as given to cx up).");
        var redis = new Option<string?>("--redis")
        {
            Description = "Use the Redis Streams transport at this address (StackExchange.Redis configuration) instead of the embedded log.",
        };
        var service = new Option<string?>("--service")
        {
            Description = $"This service's dead letters, or (with --since) its events published again from its outbox, from its configuration (as cx serve reads it): {ServiceCatalog.Names}.",
        };
        var list = new Command("dead-letters", "List the events a subscription gave up on, with why.") { data, redis, service };
        list.Validators.Add(result =>
        {
            if (result.GetResult(service) is not null && (result.GetResult(redis) is not null || result.GetResult(data) is { Implicit: false }))
            {
                result.AddError("With --service the service's configuration names its database and broker; --data and --redis are for the shared dead letters.");
            }
        });
        list.TreatUnmatchedTokensAsErrors = false;
        list.SetAction((parse, cancellationToken) => parse.GetValue(service) is { } name
            ? WithServiceDeadLettersAsync(console, name, parse.UnmatchedTokens, deadLetters => ListAsync(console, deadLetters, cancellationToken))
            : ListAsync(console, parse.GetValue(data)!, parse.GetValue(redis), parse.UnmatchedTokens, cancellationToken));

        var id = new Argument<string?>("id") { Description = "The dead letter's id, from `cx events dead-letters`.", Arity = ArgumentArity.ZeroOrOne };
        var since = new Option<DateTimeOffset?>("--since")
        {
            Description = "With --service: the events published at or after this time (ISO 8601, e.g. 2026-12-01T08:00:00Z).",
        };
        var replay = new Command("replay", "Deliver a dead letter to its subscription again, or publish a service's events again after its broker lost them (--service, --since).")
        {
            id, data, redis, service, since,
        };
        replay.Validators.Add(result =>
        {
            var byService = result.GetResult(service) is not null;
            var letter = DeadLetterId(result.GetValue(id)) is not null;
            var bySince = result.GetResult(since) is not null;
            if (letter ? bySince : !byService)
            {
                result.AddError("Give a dead letter's id (with --service for one the service keeps), or --service with --since; not both.");
            }
            else if (byService && !letter && !bySince)
            {
                result.AddError("--service needs --since: the time from which the service's published events go out again.");
            }
            else if (byService && (result.GetResult(redis) is not null || result.GetResult(data) is { Implicit: false }))
            {
                result.AddError("With --service the service's configuration names its database and broker; --data and --redis are for dead letters.");
            }
        });

        // With --service, further --Key=value arguments are configuration, as for cx serve.
        replay.TreatUnmatchedTokensAsErrors = false;
        replay.SetAction((parse, cancellationToken) => (parse.GetValue(service), DeadLetterId(parse.GetValue(id))) switch
        {
            ({ } name, { } letter) => WithServiceDeadLettersAsync(console, name, parse.UnmatchedTokens, deadLetters => ReplayAsync(console, deadLetters, letter, cancellationToken)),
            ({ } name, null) => RepublishAsync(console, name, parse.GetValue(since)!.Value, [.. ConfigurationTokens(parse.GetValue(id)), .. parse.UnmatchedTokens], cancellationToken),
            _ => ReplayAsync(console, parse.GetValue(data)!, parse.GetValue(redis), parse.GetValue(id)!, parse.UnmatchedTokens, cancellationToken),
        });

        return new Command("events", "Inspect the event bus: dead letters and their replay, and publishing a service's events again.") { list, replay };
    }

    // The optional id takes the first token nothing else claims, which with --service is the first
    // --Key=value of configuration: no dead letter's id begins with "--".
    private static string? DeadLetterId(string? token) => token is not null && token.StartsWith("--", StringComparison.Ordinal) ? null : token;

    private static string[] ConfigurationTokens(string? token) => token is not null && DeadLetterId(token) is null ? [token] : [];

    private static async Task<int> ListAsync(IAnsiConsole console, string dataDirectory, string? redis, IReadOnlyList<string> unexpected, CancellationToken cancellationToken)
    {
        if (unexpected.Count > 0)
        {
            console.MarkupLine($"[red]Unexpected argument '{Markup.Escape(unexpected[0])}'.[/] Configuration arguments go with --service.");
            return ServeCommand.UsageError;
        }

        await using var connection = await ConnectAsync(redis);
        if (Open(console, dataDirectory, connection) is not { } deadLetters)
        {
            return 1;
        }

        return await ListAsync(console, deadLetters, cancellationToken);
    }

    private static async Task<int> ListAsync(IAnsiConsole console, IDeadLetters deadLetters, CancellationToken cancellationToken)
    {
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

    private static async Task<int> ReplayAsync(IAnsiConsole console, string dataDirectory, string? redis, string id, IReadOnlyList<string> unexpected, CancellationToken cancellationToken)
    {
        if (unexpected.Count > 0)
        {
            console.MarkupLine($"[red]Unexpected argument '{Markup.Escape(unexpected[0])}'.[/] Configuration arguments go with --service.");
            return ServeCommand.UsageError;
        }

        await using var connection = await ConnectAsync(redis);
        if (Open(console, dataDirectory, connection) is not { } deadLetters)
        {
            return 1;
        }

        return await ReplayAsync(console, deadLetters, id, cancellationToken);
    }

    private static async Task<int> ReplayAsync(IAnsiConsole console, IDeadLetters deadLetters, string id, CancellationToken cancellationToken)
    {
        if (deadLetters is IReplaysNow now)
        {
            // Delivered here and now, through the service's own handlers and inbox.
            switch (await now.ReplayAsync(id, cancellationToken))
            {
                case null:
                    console.MarkupLine($"[red]There is no open dead letter {Markup.Escape(id)}.[/] `cx events dead-letters --service` lists them.");
                    return 1;
                case { Verdict: DeliveryVerdict.Success }:
                    console.MarkupLine($"Dead letter {Markup.Escape(id)} delivered: its subscription handled it.");
                    return 0;
                case var failed:
                    console.MarkupLine($"[red]Dead letter {Markup.Escape(id)} failed again[/] and stays: {Markup.Escape(failed.Reason ?? string.Empty)}");
                    return 1;
            }
        }

        if (!await deadLetters.RequestReplayAsync(id, cancellationToken))
        {
            console.MarkupLine($"[red]There is no open dead letter {Markup.Escape(id)}.[/] `cx events dead-letters` lists them.");
            return 1;
        }

        console.MarkupLine($"Replay of dead letter {Markup.Escape(id)} requested: its subscription delivers it again within a second while the platform runs.");
        return 0;
    }

    /// <summary>
    /// Publishes again what the service's outbox keeps of the events it published since the given
    /// time, from the service's own configuration: the broker and database it runs with.
    /// </summary>
    private static async Task<int> RepublishAsync(IAnsiConsole console, string name, DateTimeOffset since, IReadOnlyList<string> configurationArgs, CancellationToken cancellationToken)
    {
        if (ServeCommand.Resolve(console, name) is not { } slot || !ServeCommand.CheckConfigurationArgs(console, configurationArgs))
        {
            return ServeCommand.UsageError;
        }

        try
        {
            await using var app = ServiceProcess.Create(slot, configurationArgs);
            if (app.Services.GetService<IOutboxReplay>() is not { } replay)
            {
                console.MarkupLine($"{Markup.Escape(name)} publishes no events: nothing to replay.");
                return 0;
            }

            var kept = await replay.CountPublishedSinceAsync(since, cancellationToken);
            console.MarkupLine($"{Markup.Escape(name)}: {kept} published event(s) since {since:O} in the outbox; publishing them again in commit order.");
            var published = await replay.RepublishSinceAsync(
                since,
                total => console.MarkupLine($"  {total} of {kept}"),
                cancellationToken);
            console.MarkupLine($"{Markup.Escape(name)}: published {published} event(s) again. Subscribers skip those they had handled.");
            return 0;
        }
        catch (Exception e) when (e is InvalidOperationException or System.Data.Common.DbException or RedisException or HttpRequestException)
        {
            console.MarkupLine($"[red]cx events replay --service {Markup.Escape(name)} failed:[/] {Markup.Escape(e.Message)}");
            return 1;
        }
    }

    /// <summary>
    /// Runs <paramref name="action"/> on the dead letters of the service's configured transport, from
    /// its configuration (as cx serve reads it): on the dapr backend, those it keeps in its database.
    /// </summary>
    private static async Task<int> WithServiceDeadLettersAsync(IAnsiConsole console, string name, IReadOnlyList<string> configurationArgs, Func<IDeadLetters, Task<int>> action)
    {
        if (ServeCommand.Resolve(console, name) is not { } slot || !ServeCommand.CheckConfigurationArgs(console, configurationArgs))
        {
            return ServeCommand.UsageError;
        }

        try
        {
            await using var app = ServiceProcess.Create(slot, configurationArgs);
            if (app.Services.GetService<IDeadLetters>() is not { } deadLetters)
            {
                console.MarkupLine($"{Markup.Escape(name)} subscribes to no events: it has no dead letters.");
                return 0;
            }

            return await action(deadLetters);
        }
        catch (Exception e) when (e is InvalidOperationException or System.Data.Common.DbException or RedisException)
        {
            console.MarkupLine($"[red]cx events --service {Markup.Escape(name)} failed:[/] {Markup.Escape(e.Message)}");
            return 1;
        }
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

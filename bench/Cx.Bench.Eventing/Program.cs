using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Cx.Bench.Eventing;
using Cx.Eventing;
using Cx.Eventing.Envelope;
using Cx.Eventing.Outbox;
using Cx.Eventing.TestServices;
using Cx.Eventing.TestServices.Ledger;
using Cx.Eventing.TestServices.Shop;
using Cx.ServiceDefaults.Tenancy;
using Cx.Testing.Events.V1;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;
using Order = Cx.Eventing.TestServices.Shop.Order;

// Usage: Cx.Bench.Eventing --redis 127.0.0.1:6379 [--events 20000] [--seconds 10] [--runs 1] [--no-relay]
// Each transport is measured against a hand-written durable pipeline in the same run; the services keep their
// data in SQLite files, as on the embedded backend.
var redisAddress = Argument("--redis", null);
var events = int.Parse(Argument("--events", "20000")!, CultureInfo.InvariantCulture);
var pacedSeconds = int.Parse(Argument("--seconds", "10")!, CultureInfo.InvariantCulture);
var runs = int.Parse(Argument("--runs", "1")!, CultureInfo.InvariantCulture);
var relay = !args.Contains("--no-relay");
var root = Directory.CreateTempSubdirectory("cx-bench-events-").FullName;
var rows = new List<string>();
var sample = new EventEnvelope(Guid.NewGuid().ToString("N"), "cx.testing.order_placed.v1", "/cx/shop", "o-1", DateTimeOffset.UtcNow, "bench", "c", null, null,
    "{\"orderId\":\"0b6c4a3e-6f1f-4a53-9d5e-0e1d2c3b4a59\",\"customerId\":\"c-1\",\"amountCents\":\"1250\"}").ToJson();

try
{
    // Run 0 warms up (the JIT's tiers, the connection pools, SQLite's page cache) and is not
    // reported: the services run for days, and their steady state is what is compared.
    for (var run = 0; run <= runs; run++)
    {
        var count = run == 0 ? Math.Min(events, 5_000) : events;
        await TransportAsync("embedded", run, count, "bare in-process channel (no durability)", BareChannelAsync, "outbox → SQLite log → inbox");
        if (redisAddress is not null)
        {
            await TransportAsync("redis", run, count, "bare XADD / XREADGROUP / XACK (no durability)", n => BareStreamsAsync(redisAddress, n), "outbox → Streams → inbox");
        }

        if (relay)
        {
            var naive = await RelayAsync(run, batchSize: 1, Math.Min(count, 5_000));
            var batched = await RelayAsync(run, batchSize: 200, Math.Min(count, 5_000));
            Report(run, "embedded", "relay, row by row (floor)", naive, null, 1);
            Report(run, "embedded", "relay, batches of 200", batched, null, batched / naive);
        }
    }

    Console.WriteLine($"| run | transport | scenario ({events:N0} events) | events/s | commit→handled p50 ms | p99 ms | vs baseline |");
    Console.WriteLine("|---|---|---|---|---|---|---|");
    rows.ForEach(Console.WriteLine);
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(root, recursive: true);
}

// One transport's rows: its bare loop (for scale), the hand-written pipeline (the baseline), the
// platform's path at full speed against it, and the paced run's latency.
async Task TransportAsync(string backend, int run, int count, string bareName, Func<int, Task<double>> bare, string pathName)
{
    Report(run, backend, bareName, await bare(count), null, null);
    var handWritten = await HandWrittenAsync(backend, run, count);
    Report(run, backend, "hand-written durable (baseline)", handWritten.Rate, handWritten.Latency, 1);
    var path = await ThroughputAsync(backend, run, count);
    Report(run, backend, pathName, path.Rate, path.Latency, path.Rate / handWritten.Rate);
    var paced = await PacedAsync(backend, run);
    Report(run, backend, "paced at 1,000 events/s", paced.Rate, paced.Latency, null);
}

void Report(int run, string transport, string scenario, double rate, (double P50, double P99)? latency, double? ratio)
{
    if (run > 0)
    {
        rows.Add(Row(run, transport, scenario, rate, latency, ratio));
    }
}

string Row(int run, string transport, string scenario, double rate, (double P50, double P99)? latency, double? ratio) => string.Create(CultureInfo.InvariantCulture,
    $"| {run} | {transport} | {scenario} | {rate:N0} | {(latency is { } l ? l.P50.ToString("F1", CultureInfo.InvariantCulture) : "")} | {(latency is { } m ? m.P99.ToString("F1", CultureInfo.InvariantCulture) : "")} | {(ratio is { } r ? r.ToString("F2", CultureInfo.InvariantCulture) : "")} |");

string? Argument(string name, string? fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
}

Dictionary<string, string?> Settings(string backend, string service, string run) => new()
{
    ["Cx:Backend"] = backend,
    ["Cx:Database:Provider"] = "sqlite",
    ["Cx:Database:MigrateOnStartup"] = "true",
    ["Cx:DataDirectory"] = Path.Combine(root, run, service),
    ["Cx:Eventing:LogPath"] = Path.Combine(root, run, "events.db"),
    ["Cx:Eventing:Redis:Configuration"] = redisAddress ?? "127.0.0.1:6379",
};

(IHost Shop, IHost Ledger) Build(string backend, string run, Measurements measurements, int relayBatch = 200)
{
    // One log object for both services, as `cx up` shares it: an append wakes the subscriber at once.
    var log = new Cx.Eventing.Embedded.EmbeddedEventLog(Path.Combine(root, run, "events.db"));
    var shop = ServiceHosts.Build("shop", Settings(backend, "shop", run), services => services.AddSingleton(log), services =>
    {
        services.AddCxEventing<ShopDb>("shop", new ConfigurationBuilder().AddInMemoryCollection(Settings(backend, "shop", run)).Build());
        services.AddSingleton(new OutboxRelayOptions { BatchSize = relayBatch });
    });
    var ledger = ServiceHosts.Build("ledger", Settings(backend, "ledger", run), services => services.AddSingleton(measurements).AddSingleton(log), services =>
        services.AddCxEventing<LedgerDb>("ledger", new ConfigurationBuilder().AddInMemoryCollection(Settings(backend, "ledger", run)).Build(), s => s.On<OrderPlaced, MeasuredBooking>()));
    return (shop, ledger);
}

async Task PlaceAsync(IHost shop, int from, int count)
{
    await using var scope = shop.Services.CreateTenantScope("bench");
    var db = scope.ServiceProvider.GetRequiredService<ShopDb>();
    for (var i = from; i < from + count; i++)
    {
        var order = new Order { Id = Guid.NewGuid(), CustomerId = "c-1", AmountCents = i };
        db.Orders.Add(order);
        db.Raise(new OrderPlaced { OrderId = order.Id.ToString(), CustomerId = order.CustomerId, AmountCents = i }, order.Id.ToString());
    }

    await db.SaveChangesAsync();
}

async Task<(double Rate, (double, double) Latency)> ThroughputAsync(string backend, int run, int count)
{
    var measurements = new Measurements();
    var (shop, ledger) = Build(backend, $"{backend}-throughput-{run}", measurements);
    await shop.StartAsync();
    await ledger.StartAsync();
    var started = Stopwatch.GetTimestamp();
    for (var placed = 0; placed < count; placed += 100)
    {
        await PlaceAsync(shop, placed, Math.Min(100, count - placed));
    }

    await measurements.WaitForAsync(count, TimeSpan.FromMinutes(10));
    var seconds = (measurements.LastHandledTimestamp - started) / (double)Stopwatch.Frequency;
    await StopAsync(shop, ledger);
    return (count / seconds, measurements.Percentiles());
}

async Task<(double Rate, (double, double) Latency)> PacedAsync(string backend, int run)
{
    var seconds = run == 0 ? Math.Min(pacedSeconds, 2) : pacedSeconds;
    var measurements = new Measurements();
    var (shop, ledger) = Build(backend, $"{backend}-paced-{run}", measurements);
    await shop.StartAsync();
    await ledger.StartAsync();

    // 10 events every 10 ms: 1,000 events/s, each tick one transaction.
    var ticks = seconds * 100;
    var clock = Stopwatch.StartNew();
    for (var tick = 0; tick < ticks; tick++)
    {
        await PlaceAsync(shop, tick * 10, 10);
        var due = TimeSpan.FromMilliseconds((tick + 1) * 10);
        if (clock.Elapsed < due)
        {
            await Task.Delay(due - clock.Elapsed);
        }
    }

    await measurements.WaitForAsync(ticks * 10, TimeSpan.FromMinutes(5));
    var rate = ticks * 10 / clock.Elapsed.TotalSeconds;
    await StopAsync(shop, ledger);
    return (rate, measurements.Percentiles());
}

async Task<double> RelayAsync(int run, int batchSize, int count)
{
    var (shop, ledger) = Build("embedded", $"relay-{batchSize}-{run}", new Measurements(), batchSize);
    ledger.Dispose();
    await using (var scope = shop.Services.CreateAsyncScope())
    {
        await scope.ServiceProvider.GetRequiredService<ShopDb>().Database.MigrateAsync();
    }

    for (var placed = 0; placed < count; placed += 100)
    {
        await PlaceAsync(shop, placed, Math.Min(100, count - placed));
    }

    // Everything is committed before the relay starts: this measures the relay alone.
    var started = Stopwatch.GetTimestamp();
    await shop.StartAsync();
    while (true)
    {
        await using var scope = shop.Services.CreateAsyncScope();
        if (!await scope.ServiceProvider.GetRequiredService<ShopDb>().Outbox.AnyAsync(m => m.PublishedAt == null))
        {
            break;
        }

        await Task.Delay(5);
    }

    var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
    await shop.StopAsync();
    shop.Dispose();
    return count / seconds;
}

async Task<(double Rate, (double, double) Latency)> HandWrittenAsync(string backend, int run, int count)
{
    // The services' own tables, migrated, in files of their own; the hosts are never started.
    var name = $"{backend}-hand-written-{run}";
    var (shop, ledger) = Build("embedded", name, new Measurements());
    foreach (var host in new[] { shop, ledger })
    {
        await using var scope = host.Services.CreateAsyncScope();
        await (host == shop ? (DbContext)scope.ServiceProvider.GetRequiredService<ShopDb>() : scope.ServiceProvider.GetRequiredService<LedgerDb>()).Database.MigrateAsync();
    }

    shop.Dispose();
    ledger.Dispose();
    await using var redis = backend == "redis" ? await ConnectionMultiplexer.ConnectAsync(redisAddress!) : null;
    var measurements = new Measurements();
    var pipeline = new HandWrittenPipeline(
        Path.Combine(root, name, "shop", "shop.db"), Path.Combine(root, name, "ledger", "ledger.db"), Path.Combine(root, name, "events.db"), redis?.GetDatabase(), measurements);
    var rate = await pipeline.RunAsync(count);
    return (rate, measurements.Percentiles());
}

async Task StopAsync(IHost shop, IHost ledger)
{
    await ledger.StopAsync();
    await shop.StopAsync();
    ledger.Dispose();
    shop.Dispose();
}

async Task<double> BareChannelAsync(int count)
{
    var channel = Channel.CreateBounded<string>(1_000);
    var started = Stopwatch.GetTimestamp();
    var consumer = Task.Run(async () =>
    {
        var read = 0;
        await foreach (var item in channel.Reader.ReadAllAsync())
        {
            _ = EventEnvelope.FromJson(item);
            read++;
        }

        return read;
    });
    for (var i = 0; i < count; i++)
    {
        await channel.Writer.WriteAsync(sample);
    }

    channel.Writer.Complete();
    await consumer;
    return count / Stopwatch.GetElapsedTime(started).TotalSeconds;
}

async Task<double> BareStreamsAsync(string address, int count)
{
    await using var redis = await ConnectionMultiplexer.ConnectAsync(address);
    var db = redis.GetDatabase();
    var stream = "cx:bench:bare:" + Guid.NewGuid().ToString("N");
    await db.StreamCreateConsumerGroupAsync(stream, "bench", "0-0", createStream: true);
    var started = Stopwatch.GetTimestamp();
    var consumer = Task.Run(async () =>
    {
        var read = 0;
        while (read < count)
        {
            var entries = await db.StreamReadGroupAsync(stream, "bench", "c1", ">", 100);
            if (entries.Length == 0)
            {
                await Task.Delay(1);
                continue;
            }

            foreach (var entry in entries)
            {
                _ = EventEnvelope.FromJson((string)entry["envelope"]!);
            }

            await db.StreamAcknowledgeAsync(stream, "bench", entries.Select(e => e.Id).ToArray());
            read += entries.Length;
        }
    });
    for (var i = 0; i < count; i += 100)
    {
        await Task.WhenAll(Enumerable.Range(i, Math.Min(100, count - i)).Select(_ => db.StreamAddAsync(stream, [new NameValueEntry("id", "x"), new NameValueEntry("envelope", sample)])));
    }

    await consumer;
    var rate = count / Stopwatch.GetElapsedTime(started).TotalSeconds;
    await db.KeyDeleteAsync(stream);
    return rate;
}

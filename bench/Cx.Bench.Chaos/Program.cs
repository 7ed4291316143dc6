using System.Globalization;
using Cx.Chaos;

// Usage: Cx.Bench.Chaos --tye tye.yaml [--minutes 10] [--interval 10] [--clients 6] [--seed 1] [--log FILE]
// tye.yaml's topology under load while a random victim (a service, or Redis, kept or emptied) is
// killed every interval; then the load stops, the platform settles, and the figures are printed.
// Exits 1 when a promise was broken (an acknowledged response lost or doubled, a detractor without
// exactly one case, an event a webhook subscriber never got).
var tye = Argument("--tye", "tye.yaml")!;
var minutes = double.Parse(Argument("--minutes", "10")!, CultureInfo.InvariantCulture);
var interval = TimeSpan.FromSeconds(double.Parse(Argument("--interval", "10")!, CultureInfo.InvariantCulture));
var clients = int.Parse(Argument("--clients", "6")!, CultureInfo.InvariantCulture);
var seed = int.Parse(Argument("--seed", "1")!, CultureInfo.InvariantCulture);
var logPath = Argument("--log", null);

var victims = Victims(TimeSpan.FromMinutes(minutes), interval, new Random(seed));
Console.WriteLine($"chaos: {minutes:0.#} min, a victim every {interval.TotalSeconds:0} s ({victims.Count}: {string.Join(", ", victims.GroupBy(v => v.ToString()).Select(g => $"{g.Key} x{g.Count()}"))})");

await using var log = logPath is null ? null : new StreamWriter(logPath) { AutoFlush = true };
var started = DateTime.UtcNow;
await using var topology = await ChaosTopology.StartAsync(Path.GetFullPath(tye), log);
Console.WriteLine($"topology ready after {(DateTime.UtcNow - started).TotalSeconds:0} s");

var plan = new ChaosPlan
{
    WarmUp = TimeSpan.FromSeconds(10),
    Victims = victims,
    Interval = interval,
    Tail = TimeSpan.FromSeconds(10),
    StopGrace = TimeSpan.FromSeconds(30),

    // Longer than a webhook lease a killed gateway leaves behind (attempt timeout + 30 s), so a
    // delivery waiting it out is not taken for one that never comes.
    Quiet = TimeSpan.FromSeconds(60),
    SettleAtMost = TimeSpan.FromMinutes(5),
};
var report = await ChaosScenario.RunAsync(topology, plan, new ChaosLoadOptions { Clients = clients, Seed = seed }, Console.WriteLine);

Console.WriteLine();
Console.Write(report.Describe());
Console.WriteLine(report.Problems.Count == 0 ? "no broken promise" : "broken promises:\n  " + string.Join("\n  ", report.Problems));
return report.Problems.Count == 0 ? 0 : 1;

// A victim drawn at random per interval; Redis comes back empty at least twice, wherever the draw put it.
static List<Victim> Victims(TimeSpan duration, TimeSpan interval, Random random)
{
    Victim[] kinds = [new("cx-platform"), new("cx-measurement"), new("cx-governance"), new("cx-gateway"), new(ChaosTopology.Redis), new(ChaosTopology.Redis, Empty: true)];
    var count = Math.Max(2, (int)(duration / interval));
    var victims = Enumerable.Range(0, count).Select(_ => kinds[random.Next(kinds.Length)]).ToList();
    while (victims.Count(v => v.Empty) < 2)
    {
        var at = random.Next(count);
        if (!victims[at].Empty)
        {
            victims[at] = kinds[^1];
        }
    }

    return victims;
}

string? Argument(string name, string? fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
}

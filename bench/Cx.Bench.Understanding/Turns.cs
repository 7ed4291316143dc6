using System.Diagnostics;

namespace Cx.Bench;

/// <summary>
/// How the understanding and design benches time their calls: each size (or each thing compared)
/// warmed up, then all measured in turns (ten rounds of a tenth of the samples each), so a machine
/// that speeds up or slows down during the run (a JIT settling, other work) weighs on each alike.
/// </summary>
internal static class Turns
{
    /// <summary>Each of <paramref name="calls"/> at each size: <paramref name="samples"/> timings in milliseconds, in the order of the calls.</summary>
    public static async Task<Dictionary<TSize, List<double>[]>> MeasureAsync<TSize>(IReadOnlyList<TSize> sizes, IReadOnlyList<Func<TSize, Task>> calls, int warmUp, int samples)
        where TSize : notnull
    {
        foreach (var size in sizes)
        {
            for (var i = 0; i < warmUp; i++)
            {
                foreach (var call in calls)
                {
                    await call(size);
                }
            }
        }

        var timings = sizes.ToDictionary(s => s, _ => calls.Select(_ => new List<double>()).ToArray());
        for (var round = 0; round < 10; round++)
        {
            foreach (var size in sizes)
            {
                for (var c = 0; c < calls.Count; c++)
                {
                    for (var i = 0; i < samples / 10; i++)
                    {
                        var started = Stopwatch.GetTimestamp();
                        await calls[c](size);
                        timings[size][c].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    }
                }
            }
        }

        return timings;
    }

    public static double Median(List<double> timings)
    {
        var sorted = timings.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    public static double Percentile(List<double> timings, double at)
    {
        var sorted = timings.Order().ToList();
        return sorted[(int)(at * (sorted.Count - 1))];
    }
}

using System.Diagnostics;

namespace Cx.Bench;

/// <summary>Runs a scenario with a fixed number of concurrent workers for a fixed time.</summary>
internal static class LoadRunner
{
    public static async Task<RoundResult> RunAsync(Scenario scenario, int concurrency, TimeSpan duration)
    {
        using var stop = new CancellationTokenSource(duration);
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(_ => WorkAsync(scenario, stop.Token)).ToArray();
        var latencies = (await Task.WhenAll(workers)).SelectMany(l => l).ToArray();
        var elapsed = clock.Elapsed.TotalSeconds;
        Array.Sort(latencies);
        return new RoundResult(latencies.Length / elapsed, Percentile(latencies, 0.50), Percentile(latencies, 0.99));
    }

    private static async Task<List<double>> WorkAsync(Scenario scenario, CancellationToken stop)
    {
        var latencies = new List<double>(capacity: 16 * 1024);
        while (!stop.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();

            // The call itself is not cancelled by the round's end, so no call is counted half-done.
            await scenario.CallAsync(CancellationToken.None);
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return latencies;
    }

    private static double Percentile(double[] sorted, double quantile) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(quantile * sorted.Length) - 1)];
}

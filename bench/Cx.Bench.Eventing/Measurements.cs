using System.Collections.Concurrent;
using System.Diagnostics;

namespace Cx.Bench.Eventing;

/// <summary>Latencies and a count of handled events, shared by the handler and the benchmark.</summary>
internal sealed class Measurements
{
    private readonly ConcurrentQueue<double> _latencies = new();
    private int _handled;
    private long _lastHandledTimestamp;

    public int Handled => Volatile.Read(ref _handled);

    public long LastHandledTimestamp => Interlocked.Read(ref _lastHandledTimestamp);

    public void Record(TimeSpan latency)
    {
        _latencies.Enqueue(latency.TotalMilliseconds);
        Interlocked.Exchange(ref _lastHandledTimestamp, Stopwatch.GetTimestamp());
        Interlocked.Increment(ref _handled);
    }

    public (double P50, double P99) Percentiles()
    {
        var sorted = _latencies.ToArray();
        Array.Sort(sorted);
        return sorted.Length == 0 ? (double.NaN, double.NaN) : (At(sorted, 0.50), At(sorted, 0.99));
    }

    public void Reset()
    {
        _latencies.Clear();
        Volatile.Write(ref _handled, 0);
    }

    public static double At(double[] sorted, double quantile) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(quantile * sorted.Length) - 1)];

    public async Task WaitForAsync(int count, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Handled < count)
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"only {Handled} of {count} events were handled in {timeout}");
            }

            await Task.Delay(5);
        }
    }
}

namespace Cx.Host.Launch.Topology;

/// <summary>
/// How a supervised process that died is started again: after a delay that doubles with each death
/// in a row, up to a cap, as tye did for crashed services and as Kubernetes does for pods. A process
/// that dies <see cref="CrashLoopThreshold"/> times within <see cref="CrashLoopWindow"/> is reported
/// as crash-looping and from then on only restarted at the cap, as Kubernetes' CrashLoopBackOff.
/// </summary>
internal sealed record RestartPolicy
{
    /// <summary>The delay before the first restart after a process was healthy.</summary>
    public TimeSpan FirstDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest delay, and the delay of a crash-looping process.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a process must stay up for its next death to count as the first again.</summary>
    public TimeSpan ResetAfter { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How many deaths within <see cref="CrashLoopWindow"/> make a process crash-looping.</summary>
    public int CrashLoopThreshold { get; init; } = 5;

    public TimeSpan CrashLoopWindow { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>The delay before restarting after the <paramref name="deathsInARow"/>-th death in a row (1 for the first).</summary>
    public TimeSpan DelayAfter(int deathsInARow)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(deathsInARow, 1);
        var delay = FirstDelay;

        // Doubled step by step rather than by a power of two, which would overflow long before the cap matters.
        for (var i = 1; i < deathsInARow && delay < MaxDelay; i++)
        {
            delay += delay;
        }

        return delay < MaxDelay ? delay : MaxDelay;
    }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(FirstDelay, TimeSpan.Zero, nameof(FirstDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDelay, FirstDelay, nameof(MaxDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(ResetAfter, TimeSpan.Zero, nameof(ResetAfter));
        ArgumentOutOfRangeException.ThrowIfLessThan(CrashLoopThreshold, 1, nameof(CrashLoopThreshold));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(CrashLoopWindow, TimeSpan.Zero, nameof(CrashLoopWindow));
    }
}

/// <summary>
/// One restart of a supervised process: the exit code it died with, the how-many-th restart of the
/// service it is, the delay waited, and the time from its death until the new process was ready
/// (null when the new process did not become ready).
/// </summary>
internal sealed record RestartRecord(string Service, int ExitCode, int Count, TimeSpan Delay, TimeSpan? ExitToReady);

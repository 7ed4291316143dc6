namespace Cx.Strategy.Domain.Targets;

/// <summary>Where a target stands; the contract's TargetStatus has the same numbers.</summary>
public enum Standing
{
    NotEnoughData = 1,
    OnTrack = 2,
    TooCloseToCall = 3,
    AtRisk = 4,
    Met = 5,
    Missed = 6,
}

/// <summary>What was measured over a target's window: the answers, and the score's interval when there is one.</summary>
public sealed record Measured(long N, double? Score, double Lower, double Upper);

/// <summary>
/// A target: reach <see cref="Value"/> by <see cref="Deadline"/>, from <see cref="BaselineScore"/>
/// at <see cref="SetAt"/> (absent: too few answers then).
/// </summary>
public sealed record TargetTerms(double Value, bool HigherIsBetter, DateTimeOffset SetAt, DateTimeOffset Deadline, double? BaselineScore, long MinimumN);

/// <summary>A status and why, with the path's value it was judged against.</summary>
public sealed record Judgement(Standing Standing, double PathValue, string Reason);

/// <summary>
/// How a target stands, by the interval and never the point. The path runs in a straight line from
/// the baseline at the moment the target was set to the target at the deadline (with no baseline it
/// is the target itself throughout). In order:
/// fewer answers than the minimum (or no score): not enough data;
/// the interval wholly on the good side of the target (its bound touching the target counts): met;
/// past the deadline: missed when the interval lies wholly on the wrong side of the target, too close to call otherwise;
/// the interval wholly on the good side of the path (touching counts): on track;
/// wholly on the wrong side of it (strictly): at risk;
/// otherwise too close to call.
/// </summary>
public static class TargetRule
{
    public static double PathAt(TargetTerms terms, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (terms.BaselineScore is not { } baseline || at >= terms.Deadline)
        {
            return terms.Value;
        }

        if (at <= terms.SetAt)
        {
            return baseline;
        }

        var progress = (at - terms.SetAt) / (terms.Deadline - terms.SetAt);
        return baseline + ((terms.Value - baseline) * progress);
    }

    public static Judgement Judge(TargetTerms terms, Measured measured, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(measured);
        var path = PathAt(terms, at);
        if (measured.Score is null || measured.N < terms.MinimumN)
        {
            return new(Standing.NotEnoughData, path, $"{measured.N} answers in the window, fewer than the {terms.MinimumN} a call needs.");
        }

        var interval = $"[{measured.Lower:0.###}, {measured.Upper:0.###}]";
        if (Clears(terms, measured, terms.Value))
        {
            return new(Standing.Met, path, $"The interval {interval} clears the target {terms.Value:0.###}.");
        }

        if (at >= terms.Deadline)
        {
            return Misses(terms, measured, terms.Value)
                ? new(Standing.Missed, path, $"The deadline passed with the interval {interval} wholly short of the target {terms.Value:0.###}.")
                : new(Standing.TooCloseToCall, path, $"The deadline passed with the interval {interval} across the target {terms.Value:0.###}.");
        }

        if (Clears(terms, measured, path))
        {
            return new(Standing.OnTrack, path, $"The interval {interval} clears the path's {path:0.###} today.");
        }

        return Misses(terms, measured, path)
            ? new(Standing.AtRisk, path, $"The interval {interval} lies wholly short of the path's {path:0.###} today.")
            : new(Standing.TooCloseToCall, path, $"The interval {interval} straddles the path's {path:0.###} today.");
    }

    private static bool Clears(TargetTerms terms, Measured measured, double line) =>
        terms.HigherIsBetter ? measured.Lower >= line : measured.Upper <= line;

    private static bool Misses(TargetTerms terms, Measured measured, double line) =>
        terms.HigherIsBetter ? measured.Upper < line : measured.Lower > line;
}

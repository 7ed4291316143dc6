namespace Cx.Design.Domain.Experiments;

public enum ExperimentDesign
{
    /// <summary>Both variants over the same dates, told apart by their touchpoints.</summary>
    AB = 1,

    /// <summary>The control is the same length of time just before the start.</summary>
    BeforeAfter = 2,
}

public enum Direction
{
    Increase = 1,
    Decrease = 2,
}

public enum Outcome
{
    Supported = 1,
    Refuted = 2,
    Inconclusive = 3,
}

/// <summary>The periods an experiment's two variants are read over.</summary>
public sealed record ExperimentPeriods(DateTimeOffset ControlFrom, DateTimeOffset ControlTo, DateTimeOffset TreatmentFrom, DateTimeOffset TreatmentTo);

/// <summary>What an experiment's dates and design mean for the answers compared, and what its result says of the hypothesis.</summary>
public static class ExperimentPlan
{
    public static readonly TimeSpan LongestRun = TimeSpan.FromDays(366);

    /// <summary>
    /// The treatment runs from the start to the end, or to <paramref name="now"/> when concluded
    /// early. An A/B control runs alongside it; a before/after control is as long as the treatment
    /// ran, just before the start, so both sides cover the same length of time.
    /// </summary>
    public static ExperimentPeriods Periods(ExperimentDesign design, DateTimeOffset startsAt, DateTimeOffset endsAt, DateTimeOffset now)
    {
        if (now <= startsAt)
        {
            throw new ArgumentOutOfRangeException(nameof(now), now, "An experiment is read once it has started.");
        }

        var treatmentTo = now < endsAt ? now : endsAt;
        return design switch
        {
            ExperimentDesign.AB => new ExperimentPeriods(startsAt, treatmentTo, startsAt, treatmentTo),
            ExperimentDesign.BeforeAfter => new ExperimentPeriods(startsAt - (treatmentTo - startsAt), startsAt, startsAt, treatmentTo),
            _ => throw new ArgumentOutOfRangeException(nameof(design), design, "Not an experiment design."),
        };
    }

    /// <summary>Supported only by a significant change the expected way; a significant change the other way refutes it; anything else says nothing.</summary>
    public static Outcome Judge(Direction expected, bool significant, double difference) =>
        !significant || difference == 0 ? Outcome.Inconclusive
        : (difference > 0) == (expected == Direction.Increase) ? Outcome.Supported
        : Outcome.Refuted;
}

namespace Cx.Strategy.Domain.Initiatives;

/// <summary>A pain point as Understanding last announced it.</summary>
public sealed record PainPoint(string Id, string Title, string JourneyId, string StepId, IReadOnlyCollection<string> MetricIds, long Mentions, bool FoundInComments);

/// <summary>A driver of an outcome from the latest analysis Measurement announced of that outcome.</summary>
public sealed record Driver(string OutcomeMetricId, string MetricId, double Importance, double Gap, DateTimeOffset AnalysedAt);

/// <summary>An initiative as ranking sees it: the pain points it covers and its effort.</summary>
public sealed record InitiativeInput(string Id, IReadOnlyList<string> PainPointIds, double EffortWeeks);

/// <summary>One pain point's part in an initiative: the driver that links it to an outcome (if any), the customers affected and where that count comes from.</summary>
public sealed record PainPointPart(string PainPointId, PainPoint? Known, Driver? Driver, long Affected, string AffectedFrom, double ExpectedImpact);

public sealed record RankedInitiative(InitiativeInput Input, int Rank, double ExpectedImpact, double Priority, IReadOnlyList<PainPointPart> Parts);

/// <summary>
/// Where the programme's effort pays most. A pain point's expected impact is the importance of the
/// most important driver among its metrics (its share of the explained variance, 0 to 1) × that
/// driver's gap (how far it performs from the best, 0 to 1) × the customers it affects (the
/// negative comments that mention it; for a pain point entered by hand, the driver's answers at its
/// step). An initiative's expected impact is the sum over its pain points, and its priority that
/// impact per person-week of effort. Ranked by priority, then impact, then id.
/// </summary>
public static class InitiativeRanking
{
    public const string FromMentions = "mentions";
    public const string FromStepAnswers = "step_answers";

    /// <param name="stepAnswers">The driver's answers at a hand-entered pain point's step, by (journey, step, metric); absent: not known.</param>
    public static IReadOnlyList<RankedInitiative> Rank(
        IEnumerable<InitiativeInput> initiatives,
        IReadOnlyDictionary<string, PainPoint> painPoints,
        IReadOnlyCollection<Driver> drivers,
        IReadOnlyDictionary<(string JourneyId, string StepId, string MetricId), long> stepAnswers)
    {
        ArgumentNullException.ThrowIfNull(initiatives);
        ArgumentNullException.ThrowIfNull(painPoints);
        ArgumentNullException.ThrowIfNull(drivers);
        ArgumentNullException.ThrowIfNull(stepAnswers);
        var scored = initiatives.Select(initiative =>
        {
            var parts = initiative.PainPointIds.Select(id => Part(id, painPoints.GetValueOrDefault(id), drivers, stepAnswers)).ToList();
            var impact = parts.Sum(p => p.ExpectedImpact);
            return (Input: initiative, Impact: impact, Priority: initiative.EffortWeeks > 0 ? impact / initiative.EffortWeeks : 0, Parts: parts);
        });
        return scored
            .OrderByDescending(s => s.Priority)
            .ThenByDescending(s => s.Impact)
            .ThenBy(s => s.Input.Id, StringComparer.Ordinal)
            .Select((s, i) => new RankedInitiative(s.Input, i + 1, s.Impact, s.Priority, s.Parts))
            .ToList();
    }

    /// <summary>The most important driver among <paramref name="metricIds"/>; ties go to the outcome first by id.</summary>
    public static Driver? DriverOf(IReadOnlyCollection<string> metricIds, IReadOnlyCollection<Driver> drivers) =>
        drivers.Where(d => metricIds.Contains(d.MetricId)).OrderByDescending(d => d.Importance).ThenBy(d => d.OutcomeMetricId, StringComparer.Ordinal).FirstOrDefault();

    private static PainPointPart Part(string id, PainPoint? painPoint, IReadOnlyCollection<Driver> drivers, IReadOnlyDictionary<(string, string, string), long> stepAnswers)
    {
        if (painPoint is null)
        {
            return new PainPointPart(id, null, null, 0, string.Empty, 0);
        }

        var driver = DriverOf(painPoint.MetricIds, drivers);
        var (affected, from) = painPoint.FoundInComments
            ? (painPoint.Mentions, FromMentions)
            : (driver is not null ? stepAnswers.GetValueOrDefault((painPoint.JourneyId, painPoint.StepId, driver.MetricId)) : 0, FromStepAnswers);
        var impact = driver is null ? 0 : driver.Importance / 100 * driver.Gap * affected;
        return new PainPointPart(id, painPoint, driver, affected, from, impact);
    }
}

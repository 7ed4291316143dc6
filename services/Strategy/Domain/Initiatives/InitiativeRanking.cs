namespace Cx.Strategy.Domain.Initiatives;

/// <summary>A pain point as Understanding last announced it.</summary>
public sealed record PainPoint(string Id, string Title, string JourneyId, string StepId, IReadOnlyCollection<string> MetricIds, long Mentions, bool FoundInComments);

/// <summary>A driver of an outcome from the latest analysis Measurement announced of that outcome.</summary>
public sealed record Driver(string OutcomeMetricId, string MetricId, double Importance, double Gap, DateTimeOffset AnalysedAt);

/// <summary>An opportunity as Design last announced it, with the expected impact it ranked it at.</summary>
public sealed record Opportunity(string Id, string PainPointId, string Title, string JourneyId, string StepId, Driver? Driver, long Affected, string AffectedFrom, double ExpectedImpact);

/// <summary>An initiative as ranking sees it: the pain points and opportunities it covers and its effort.</summary>
public sealed record InitiativeInput(string Id, IReadOnlyList<string> PainPointIds, IReadOnlyList<string> OpportunityIds, double EffortWeeks);

/// <summary>
/// One part of an initiative's impact, from a pain point it covers or an opportunity of Design's:
/// where it is, the driver that links it to an outcome (if any), the customers affected and where
/// that count comes from. Not known: nothing has announced it yet.
/// </summary>
public sealed record ImpactPart(string PainPointId, string OpportunityId, bool Known, string Title, string JourneyId, string StepId, Driver? Driver, long Affected, string AffectedFrom, double ExpectedImpact);

public sealed record RankedInitiative(InitiativeInput Input, int Rank, double ExpectedImpact, double Priority, IReadOnlyList<ImpactPart> Parts);

/// <summary>
/// Where the programme's effort pays most. A pain point's expected impact is the importance of the
/// most important driver among its metrics (its share of the explained variance, 0 to 1) × that
/// driver's gap (how far it performs from the best, 0 to 1) × the customers it affects (the
/// negative comments that mention it; for a pain point entered by hand, the driver's answers at its
/// step). An opportunity of Design's counts at the impact Design ranked it at (it weighs a
/// suggestion by its step's negative comments), unless its pain point is among the initiative's
/// own, which counts once. An initiative's expected impact is the sum of its parts, and its
/// priority that impact per person-week of effort. Ranked by priority, then impact, then id.
/// </summary>
public static class InitiativeRanking
{
    public const string FromMentions = "mentions";
    public const string FromStepAnswers = "step_answers";

    /// <param name="stepAnswers">The driver's answers at a hand-entered pain point's step, by (journey, step, metric); absent: not known.</param>
    public static IReadOnlyList<RankedInitiative> Rank(
        IEnumerable<InitiativeInput> initiatives,
        IReadOnlyDictionary<string, PainPoint> painPoints,
        IReadOnlyDictionary<string, Opportunity> opportunities,
        IReadOnlyCollection<Driver> drivers,
        IReadOnlyDictionary<(string JourneyId, string StepId, string MetricId), long> stepAnswers)
    {
        ArgumentNullException.ThrowIfNull(initiatives);
        ArgumentNullException.ThrowIfNull(painPoints);
        ArgumentNullException.ThrowIfNull(opportunities);
        ArgumentNullException.ThrowIfNull(drivers);
        ArgumentNullException.ThrowIfNull(stepAnswers);
        var scored = initiatives.Select(initiative =>
        {
            var parts = initiative.PainPointIds.Select(id => Part(id, painPoints.GetValueOrDefault(id), drivers, stepAnswers))
                .Concat(initiative.OpportunityIds
                    .Select(id => (Id: id, Known: opportunities.GetValueOrDefault(id)))
                    .Where(o => o.Known is null || o.Known.PainPointId.Length == 0 || !initiative.PainPointIds.Contains(o.Known.PainPointId))
                    .Select(o => o.Known is { } known
                        ? new ImpactPart(known.PainPointId, known.Id, true, known.Title, known.JourneyId, known.StepId, known.Driver, known.Affected, known.AffectedFrom, known.ExpectedImpact)
                        : new ImpactPart(string.Empty, o.Id, false, string.Empty, string.Empty, string.Empty, null, 0, string.Empty, 0)))
                .ToList();
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

    private static ImpactPart Part(string id, PainPoint? painPoint, IReadOnlyCollection<Driver> drivers, IReadOnlyDictionary<(string, string, string), long> stepAnswers)
    {
        if (painPoint is null)
        {
            return new ImpactPart(id, string.Empty, false, string.Empty, string.Empty, string.Empty, null, 0, string.Empty, 0);
        }

        var driver = DriverOf(painPoint.MetricIds, drivers);
        var (affected, from) = painPoint.FoundInComments
            ? (painPoint.Mentions, FromMentions)
            : (driver is not null ? stepAnswers.GetValueOrDefault((painPoint.JourneyId, painPoint.StepId, driver.MetricId)) : 0, FromStepAnswers);
        var impact = driver is null ? 0 : driver.Importance / 100 * driver.Gap * affected;
        return new ImpactPart(id, string.Empty, true, painPoint.Title, painPoint.JourneyId, painPoint.StepId, driver, affected, from, impact);
    }
}

namespace Cx.Design.Domain.Opportunities;

/// <summary>A pain point at a step, as Understanding announced it.</summary>
public sealed record PainPointInput(string PainPointId, string Title, string StepId, IReadOnlyCollection<string> MetricIds, long Mentions, bool FoundInComments);

/// <summary>A driver of an outcome, from the latest driver analysis of the journey.</summary>
public sealed record DriverInput(string OutcomeMetricId, string MetricId, double Importance, double Gap, DateTimeOffset AnalysedAt);

/// <summary>
/// A pain point ranked as an opportunity: the driver that links it to an outcome (if any), the
/// customers it affects and where that count comes from, and the expected impact they make.
/// </summary>
public sealed record RankedOpportunity(PainPointInput PainPoint, DriverInput? Driver, long Affected, bool AffectedFromMentions, double ExpectedImpact);

/// <summary>
/// Where improving a journey pays most: each pain point's expected impact is the importance of the
/// driver among its metrics (its share of the explained variance, 0 to 1) × that driver's gap (how
/// far it performs from the best, 0 to 1) × the customers affected (the negative comments that
/// mention it, or for a pain point entered by hand the step's negative comments). A pain point no
/// driver analysis links to an outcome has no expected impact: it is ranked after those that do,
/// by the customers it affects.
/// </summary>
public static class OpportunityRanking
{
    public static IReadOnlyList<RankedOpportunity> Rank(IEnumerable<PainPointInput> painPoints, IReadOnlyCollection<DriverInput> drivers, IReadOnlyDictionary<string, int> stepNegativeComments)
    {
        ArgumentNullException.ThrowIfNull(painPoints);
        ArgumentNullException.ThrowIfNull(drivers);
        ArgumentNullException.ThrowIfNull(stepNegativeComments);
        return painPoints
            .Select(p =>
            {
                var driver = drivers.Where(d => p.MetricIds.Contains(d.MetricId)).OrderByDescending(d => d.Importance).ThenBy(d => d.OutcomeMetricId, StringComparer.Ordinal).FirstOrDefault();
                var affected = p.FoundInComments ? p.Mentions : stepNegativeComments.GetValueOrDefault(p.StepId);
                var impact = driver is null ? 0 : driver.Importance / 100 * driver.Gap * affected;
                return new RankedOpportunity(p, driver, affected, p.FoundInComments, impact);
            })
            .OrderByDescending(o => o.ExpectedImpact)
            .ThenByDescending(o => o.Driver is not null)
            .ThenByDescending(o => o.Affected)
            .ThenBy(o => o.PainPoint.PainPointId, StringComparer.Ordinal)
            .ToList();
    }
}

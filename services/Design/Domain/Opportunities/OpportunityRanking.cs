namespace Cx.Design.Domain.Opportunities;

/// <summary>
/// What could be improved at a step: a pain point, as Understanding announced it, or a front-line
/// suggestion (never found in comments: the step's negative comments are the customers it would
/// reach). <see cref="Key"/> tells them apart.
/// </summary>
public sealed record OpportunityInput(string Key, string Title, string StepId, IReadOnlyCollection<string> MetricIds, long Mentions, bool FoundInComments);

/// <summary>A driver of an outcome, from the latest driver analysis of the journey.</summary>
public sealed record DriverInput(string OutcomeMetricId, string MetricId, double Importance, double Gap, DateTimeOffset AnalysedAt);

/// <summary>
/// A pain point or suggestion ranked as an opportunity: the driver that links it to an outcome (if any), the
/// customers it affects and where that count comes from, and the expected impact they make.
/// </summary>
public sealed record RankedOpportunity(OpportunityInput Input, DriverInput? Driver, long Affected, bool AffectedFromMentions, double ExpectedImpact);

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
    public static IReadOnlyList<RankedOpportunity> Rank(IEnumerable<OpportunityInput> painPoints, IReadOnlyCollection<DriverInput> drivers, IReadOnlyDictionary<string, int> stepNegativeComments)
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
            .ThenBy(o => o.Input.Key, StringComparer.Ordinal)
            .ToList();
    }
}

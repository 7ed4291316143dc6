namespace Cx.Strategy.Domain.Maturity;

/// <summary>A practice's rating; the contract's PracticeRating has the same numbers.</summary>
public enum Rating
{
    Undeveloped = 1,
    AdHoc = 2,
    Repeatable = 3,
    Systematic = 4,
}

/// <summary>The path to maturity; the contract's MaturityPhase has the same numbers.</summary>
public enum Phase
{
    Repair = 1,
    Elevate = 2,
    Differentiate = 3,
}

/// <summary>A practice of a discipline and the value of its signal from which each rating holds.</summary>
public sealed record Practice(string Discipline, string Name, string Signal, double AdHocFrom, double RepeatableFrom, double SystematicFrom)
{
    public Rating Rate(double value) =>
        value >= SystematicFrom ? Rating.Systematic
        : value >= RepeatableFrom ? Rating.Repeatable
        : value >= AdHocFrom ? Rating.AdHoc
        : Rating.Undeveloped;
}

public sealed record RatedPractice(Practice Practice, double Value, Rating Rating);

public sealed record Assessment(IReadOnlyList<RatedPractice> Practices, IReadOnlyDictionary<string, Rating> Disciplines, Phase Phase, string PhaseReason);

/// <summary>
/// Maturity from what the platform sees. Each practice is rated by its signal against its
/// thresholds; a discipline is as mature as its least mature practice. The phase: repair until the
/// loop on customers is closed in time and what drives their loyalty is known (the loop-closed-in-time
/// and driver-analysis practices at least repeatable); differentiate once every discipline is
/// systematic; elevate between.
/// </summary>
public static class MaturityRules
{
    public const string Strategy = "strategy";
    public const string Understanding = "understanding";
    public const string Design = "design";
    public const string Measurement = "measurement";
    public const string Governance = "governance";
    public const string Culture = "culture";

    public static readonly Practice TargetsSet = new(Strategy, "targets", "targets set on the vision's metrics", 1, 3, 6);
    public static readonly Practice DriverAnalyses = new(Measurement, "driver-analysis", "driver analyses completed in the 90 days", 1, 2, 4);
    public static readonly Practice CommentsRead = new(Understanding, "comments-read", "comments enriched in the 90 days", 1, 100, 1000);
    public static readonly Practice PainPointsConfirmed = new(Understanding, "pain-points-confirmed", "pain points a driver analysis confirms", 1, 2, 4);
    public static readonly Practice JourneysPublished = new(Design, "journeys", "journeys published", 1, 2, 3);
    public static readonly Practice ExperimentsConcluded = new(Design, "experiments", "experiments concluded in the 90 days", 1, 2, 4);
    public static readonly Practice LoopClosedInTime = new(Governance, "loop-closed-in-time", "share of the 90 days' closed cases closed within their SLA (0 with none)", 0.5, 0.75, 0.9);
    public static readonly Practice ActionPlansCompleted = new(Governance, "action-plans", "action plans completed in the 90 days", 1, 2, 4);
    public static readonly Practice StandardsPublished = new(Governance, "standards", "standards published", 1, 2, 4);
    public static readonly Practice EmployeesRecognised = new(Culture, "employees-recognised", "employees recognised in the 90 days", 1, 5, 10);
    public static readonly Practice SuggestionsAdopted = new(Culture, "suggestions-adopted", "front-line suggestions accepted in the 90 days", 1, 2, 4);

    public static IReadOnlyList<Practice> All { get; } =
    [
        TargetsSet, DriverAnalyses, CommentsRead, PainPointsConfirmed, JourneysPublished, ExperimentsConcluded,
        LoopClosedInTime, ActionPlansCompleted, StandardsPublished, EmployeesRecognised, SuggestionsAdopted,
    ];

    public static Assessment Assess(IReadOnlyDictionary<Practice, double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var rated = All.Select(p => new RatedPractice(p, values.GetValueOrDefault(p), p.Rate(values.GetValueOrDefault(p)))).ToList();
        var disciplines = rated.GroupBy(p => p.Practice.Discipline).ToDictionary(g => g.Key, g => g.Min(p => p.Rating), StringComparer.Ordinal);
        var holding = rated.Where(p => (p.Practice == LoopClosedInTime || p.Practice == DriverAnalyses) && p.Rating < Rating.Repeatable).ToList();
        if (holding.Count > 0)
        {
            return new Assessment(rated, disciplines, Phase.Repair,
                "Repair: " + string.Join("; ", holding.Select(p => $"{p.Practice.Discipline}'s {p.Practice.Name} {p.Value:0.##} is under the repeatable {p.Practice.RepeatableFrom:0.##}")) + ".");
        }

        var below = disciplines.Where(d => d.Value < Rating.Systematic).Select(d => d.Key).Order(StringComparer.Ordinal).ToList();
        return below.Count == 0
            ? new Assessment(rated, disciplines, Phase.Differentiate, "Differentiate: every discipline is systematic.")
            : new Assessment(rated, disciplines, Phase.Elevate, $"Elevate: the loop is closed in time and what drives customers is known; not yet systematic: {string.Join(", ", below)}.");
    }
}

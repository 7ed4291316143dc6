using System.Security.Cryptography;
using System.Text;
using Cx.Persistence;
using Cx.Understanding.Data;
using Cx.Understanding.Domain.PainPoints;

namespace Cx.Understanding.PainPoints;

/// <summary>Between the kept driver analyses and the domain's findings.</summary>
internal static class DriverAnalyses
{
    /// <summary>One analysis per outcome and journey scope: the same outcome over the same journeys and steps replaces the one before.</summary>
    public static string ScopeKey(string outcomeMetricId, IReadOnlyList<string> journeyIds, IReadOnlyList<string> journeyStepIds) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', outcomeMetricId, string.Join('\t', journeyIds), string.Join('\t', journeyStepIds)))));

    public static IEnumerable<DriverFinding> Findings(DriverAnalysisRecord record)
    {
        var drivers = StoredJson.Read<List<StoredDriver>>(record.DriversJson);
        var journeys = StoredJson.Read<List<string>>(record.JourneyIdsJson);
        var steps = StoredJson.Read<List<string>>(record.JourneyStepIdsJson);
        return drivers.Select(d => new DriverFinding(record.OutcomeMetricId, d.MetricId, d.Importance, drivers.Count, d.Lower, d.Upper, record.N, record.AnalysedAtUtc, journeys, steps));
    }

    public sealed record StoredDriver(string MetricId, double Importance, double Lower, double Upper);
}

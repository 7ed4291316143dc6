using System.Globalization;
using Cx.Domain.Errors;

namespace Cx.Understanding.Domain.Personas;

/// <summary>What a persona says about its customers, and the segments and metrics it reads.</summary>
public sealed record PersonaDescription(
    string PersonaId,
    string Name,
    string Narrative,
    IReadOnlyList<string> Goals,
    IReadOnlyList<string> Motivations,
    IReadOnlyList<string> Behaviours,
    IReadOnlyList<string> Needs,
    IReadOnlyList<string> Expectations,
    IReadOnlyList<string> SegmentIds,
    IReadOnlyList<string> MetricIds);

/// <summary>What a persona may be. Short, bounded lists: a persona is read by people, and a long one is read by nobody.</summary>
public static class PersonaLimits
{
    public const int MaxName = 200;

    public const int MaxNarrative = 4_000;

    public const int MaxListEntries = 20;

    public const int MaxEntry = 200;

    public const int MaxSegments = 10;

    public const int MaxMetrics = 10;

    public const int MaxMetricId = 100;

    public const int DefaultWindowDays = 90;

    public const int MaxWindowDays = 3_650;

    /// <summary>Adds a violation per problem, each naming its field under <paramref name="prefix"/> (e.g. "persona.").</summary>
    public static void Check(PersonaDescription persona, string prefix, Validator validator)
    {
        ArgumentNullException.ThrowIfNull(persona);
        ArgumentNullException.ThrowIfNull(validator);
        validator
            .Require(Identifier.IsValid(persona.PersonaId), prefix + "persona_id", Identifier.Rule)
            .Require(persona.Name.Trim().Length is > 0 and <= MaxName, prefix + "name", $"Required, at most {MaxName} characters.")
            .Require(persona.Narrative.Length <= MaxNarrative, prefix + "narrative", $"At most {MaxNarrative:N0} characters.");
        CheckList(persona.Goals, prefix + "goals", validator);
        CheckList(persona.Motivations, prefix + "motivations", validator);
        CheckList(persona.Behaviours, prefix + "behaviours", validator);
        CheckList(persona.Needs, prefix + "needs", validator);
        CheckList(persona.Expectations, prefix + "expectations", validator);

        validator.Require(persona.SegmentIds.Count is > 0 and <= MaxSegments, prefix + "segment_ids", $"Between 1 and {MaxSegments} segments: the ones that hold its real customers.");
        CheckIds(persona.SegmentIds, MaxSegments, prefix + "segment_ids", Identifier.IsValid, Identifier.Rule, validator);
        validator.Require(persona.MetricIds.Count <= MaxMetrics, prefix + "metric_ids", $"At most {MaxMetrics} metrics.");
        CheckIds(persona.MetricIds, MaxMetrics, prefix + "metric_ids", id => Identifier.IsReference(id, MaxMetricId), $"Required, at most {MaxMetricId} characters.", validator);
    }

    /// <summary>The window a persona's scores are read over: 0 is the default.</summary>
    public static void CheckWindow(int windowDays, string field, Validator validator)
    {
        ArgumentNullException.ThrowIfNull(validator);
        validator.Require(windowDays is >= 0 and <= MaxWindowDays, field, $"1 to {MaxWindowDays:N0} days, or 0 for the default of {DefaultWindowDays}.");
    }

    public static int WindowDays(int requested) => requested == 0 ? DefaultWindowDays : requested;

    private static void CheckList(IReadOnlyList<string> entries, string field, Validator validator)
    {
        validator.Require(entries.Count <= MaxListEntries, field, $"At most {MaxListEntries} entries.");
        for (var i = 0; i < entries.Count && i < MaxListEntries; i++)
        {
            validator.Require(entries[i].Trim().Length is > 0 and <= MaxEntry, At(field, i), $"1 to {MaxEntry} characters.");
        }
    }

    private static void CheckIds(IReadOnlyList<string> ids, int max, string field, Func<string, bool> valid, string rule, Validator validator)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ids.Count && i < max; i++)
        {
            if (!valid(ids[i]))
            {
                validator.Add(At(field, i), rule);
            }
            else if (!seen.Add(ids[i]))
            {
                validator.Add(At(field, i), $"'{ids[i]}' is named twice.");
            }
        }
    }

    private static string At(string field, int index) => string.Create(CultureInfo.InvariantCulture, $"{field}[{index}]");
}

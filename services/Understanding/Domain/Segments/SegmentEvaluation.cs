using System.Globalization;

namespace Cx.Understanding.Domain.Segments;

/// <summary>
/// Whether a customer is a member, and until when by time alone. Window conditions count facts that
/// happened after now minus the window (a fact dated later than now counts too), so time passing can
/// only take a fact out of a window: a member lapses exactly when the k-th latest matching fact of a
/// condition is a window old, and a non-member never joins by time alone.
/// </summary>
public static class SegmentEvaluation
{
    public static SegmentVerdict Evaluate(SegmentRule rule, CustomerFacts facts, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(facts);
        DateTime? lapsesAt = null;
        foreach (var condition in rule.AllOf)
        {
            switch (condition)
            {
                case AttributeCondition attribute:
                    if (!Holds(attribute, facts.Attributes))
                    {
                        return SegmentVerdict.NotMember;
                    }

                    break;
                case ScoreCondition score:
                    var scores = facts.Scores.Where(s => s.MetricId == score.MetricId && s.Score >= score.MinScore && s.Score <= score.MaxScore).Select(s => s.OccurredAtUtc);
                    if (WindowEnd(scores, score, nowUtc) is not { } scoreEnd)
                    {
                        return SegmentVerdict.NotMember;
                    }

                    lapsesAt = Earlier(lapsesAt, scoreEnd);
                    break;
                case ContactCondition contact:
                    var contacts = facts.Contacts.Where(c => contact.Channels.Count == 0 || contact.Channels.Contains(c.Channel)).Select(c => c.OccurredAtUtc);
                    if (WindowEnd(contacts, contact, nowUtc) is not { } contactEnd)
                    {
                        return SegmentVerdict.NotMember;
                    }

                    lapsesAt = Earlier(lapsesAt, contactEnd);
                    break;
                default:
                    throw new ArgumentException($"Unknown condition {condition.GetType().Name}.", nameof(rule));
            }
        }

        return new SegmentVerdict(true, lapsesAt);
    }

    /// <summary>The earliest moment a window will hold too few facts, or null when it holds too few now.</summary>
    private static DateTime? WindowEnd(IEnumerable<DateTime> times, IWindowCondition condition, DateTime nowUtc)
    {
        var window = TimeSpan.FromDays(condition.WindowDays);
        var inWindow = times.Where(t => t > nowUtc - window).OrderDescending().ToList();
        return inWindow.Count >= condition.Count ? inWindow[condition.Count - 1] + window : null;
    }

    private static DateTime Earlier(DateTime? a, DateTime b) => a is { } value && value < b ? value : b;

    private static bool Holds(AttributeCondition condition, IReadOnlyDictionary<string, string> attributes)
    {
        if (!attributes.TryGetValue(condition.Key, out var value))
        {
            return false;
        }

        return condition.Operator switch
        {
            AttributeOperator.Exists => true,
            AttributeOperator.Equals or AttributeOperator.OneOf => condition.Values.Contains(value, StringComparer.Ordinal),
            AttributeOperator.AtLeast => Number(value) is { } n && n >= condition.Number,
            AttributeOperator.AtMost => Number(value) is { } n && n <= condition.Number,
            _ => false,
        };
    }

    /// <summary>An attribute read as a number the way it is usually written ("42", "-3.5"); anything else is no number.</summary>
    private static double? Number(string value) =>
        double.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n) ? n : null;
}

/// <summary>A customer's membership by a rule now, and when it ends by time alone (null: only a change can end it).</summary>
public sealed record SegmentVerdict(bool Member, DateTime? LapsesAtUtc)
{
    public static readonly SegmentVerdict NotMember = new(false, null);
}

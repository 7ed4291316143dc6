using System.Security.Cryptography;
using System.Text;

namespace Cx.Understanding.Domain.PainPoints;

/// <summary>An enriched comment as detection reads it: where it was written, whether it was negative, what it was about.</summary>
public sealed record CommentFact(string FeedbackId, string JourneyId, string JourneyStepId, bool Negative, IReadOnlyList<string> TopicIds, string MetricId, DateTime OccurredAtUtc);

/// <summary>
/// When negative mentions of a topic at a step make a pain point: at least <see cref="MinMentions"/>
/// of them, and the lower bound of their share's interval at least <see cref="MinShare"/>.
/// </summary>
public sealed record DetectionSettings(int WindowDays, int MinMentions, double MinShare)
{
    public static DetectionSettings Default { get; } = new(90, 10, 0.10);
}

/// <summary>A share (0 to 1) and its Wilson score interval at 95%.</summary>
public sealed record Share(long Successes, long N, double Value, double Lower, double Upper)
{
    private const double Z95 = 1.959963984540054;

    /// <summary>
    /// The Wilson score interval: it stays within 0 and 1 and keeps its coverage for the small
    /// counts and low shares a step's comments give, where the plain normal interval does not.
    /// </summary>
    public static Share Of(long successes, long n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfLessThan(n, successes);
        if (n == 0)
        {
            return new Share(0, 0, 0, 0, 0);
        }

        var p = (double)successes / n;
        var z2 = Z95 * Z95;
        var denominator = 1 + (z2 / n);
        var centre = (p + (z2 / (2.0 * n))) / denominator;
        var half = Z95 / denominator * Math.Sqrt((p * (1 - p) / n) + (z2 / (4.0 * n * n)));
        return new Share(successes, n, p, successes == 0 ? 0 : centre - half, successes == n ? 1 : centre + half);
    }
}

/// <summary>What the comments say about one topic at one step: found a pain point or not, with every figure that decided it.</summary>
public sealed record StepTopicFigures(
    string JourneyId,
    string JourneyStepId,
    string TopicId,
    Share Share,
    double ShareElsewhere,
    bool Found,
    IReadOnlyList<string> MetricIds,
    IReadOnlyList<string> FeedbackIds)
{
    public string PainPointId => BottomUpDetection.PainPointId(JourneyId, JourneyStepId, TopicId);
}

/// <summary>
/// Bottom-up pain points: a negative topic concentrating on a journey step. For each step and each
/// topic of its negative comments, the share of the step's comments that are negative and mention
/// the topic is found when there are enough mentions, when the share's interval says it is at least
/// the minimum, and when its lower bound is above the same share over every other comment (the pain
/// is this step's, not one customers voice everywhere). Comments are added one at a time, so a
/// window of any size is read in one pass with memory for the pairs, not the comments.
/// </summary>
public sealed class BottomUpDetection(DetectionSettings settings)
{
    public const int MaxEvidence = 20;
    public const int MaxMetrics = 10;

    private readonly Dictionary<(string Journey, string Step), long> _commentsAtStep = [];
    private readonly Dictionary<string, long> _negativeMentions = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Journey, string Step, string Topic), Pair> _pairs = [];
    private long _comments;

    public long CommentsRead => _comments;

    public void Add(CommentFact comment)
    {
        ArgumentNullException.ThrowIfNull(comment);
        _comments++;
        var hasStep = comment.JourneyId.Length > 0 && comment.JourneyStepId.Length > 0;
        if (hasStep)
        {
            var step = (comment.JourneyId, comment.JourneyStepId);
            _commentsAtStep[step] = _commentsAtStep.GetValueOrDefault(step) + 1;
        }

        if (!comment.Negative)
        {
            return;
        }

        foreach (var topic in comment.TopicIds.Distinct(StringComparer.Ordinal))
        {
            _negativeMentions[topic] = _negativeMentions.GetValueOrDefault(topic) + 1;
            if (!hasStep)
            {
                continue;
            }

            var key = (comment.JourneyId, comment.JourneyStepId, topic);
            if (!_pairs.TryGetValue(key, out var pair))
            {
                _pairs[key] = pair = new Pair();
            }

            pair.Add(comment);
        }
    }

    /// <summary>Every step and topic with at least one negative mention, in journey, step and topic order.</summary>
    public IReadOnlyList<StepTopicFigures> Figures()
    {
        var result = new List<StepTopicFigures>();
        foreach (var ((journey, step, topic), pair) in _pairs.OrderBy(p => p.Key.Journey, StringComparer.Ordinal).ThenBy(p => p.Key.Step, StringComparer.Ordinal).ThenBy(p => p.Key.Topic, StringComparer.Ordinal))
        {
            var atStep = _commentsAtStep[(journey, step)];
            var share = Share.Of(pair.Mentions, atStep);
            var otherComments = _comments - atStep;
            var elsewhere = otherComments == 0 ? 0 : (double)(_negativeMentions[topic] - pair.Mentions) / otherComments;
            var found = pair.Mentions >= settings.MinMentions && share.Lower >= settings.MinShare && share.Lower > elsewhere;
            result.Add(new StepTopicFigures(journey, step, topic, share, elsewhere, found, pair.Metrics(), pair.Evidence()));
        }

        return result;
    }

    /// <summary>"auto-" and 16 hex digits of the SHA-256 of journey, step and topic: the same pain point every time it is found.</summary>
    public static string PainPointId(string journeyId, string journeyStepId, string topicId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', journeyId, journeyStepId, topicId)));
        return "auto-" + Convert.ToHexStringLower(hash)[..16];
    }

    private sealed class Pair
    {
        private readonly Dictionary<string, long> _metrics = new(StringComparer.Ordinal);
        private readonly List<CommentFact> _latest = [];

        public long Mentions { get; private set; }

        public void Add(CommentFact comment)
        {
            Mentions++;
            if (comment.MetricId.Length > 0)
            {
                _metrics[comment.MetricId] = _metrics.GetValueOrDefault(comment.MetricId) + 1;
            }

            _latest.Add(comment);
            if (_latest.Count >= 4 * MaxEvidence)
            {
                Trim();
            }
        }

        public List<string> Metrics() =>
            _metrics.OrderByDescending(m => m.Value).ThenBy(m => m.Key, StringComparer.Ordinal).Take(MaxMetrics).Select(m => m.Key).ToList();

        public List<string> Evidence()
        {
            Trim();
            return _latest.Select(c => c.FeedbackId).ToList();
        }

        private void Trim()
        {
            var kept = _latest.OrderByDescending(c => c.OccurredAtUtc).ThenBy(c => c.FeedbackId, StringComparer.Ordinal).Take(MaxEvidence).ToList();
            _latest.Clear();
            _latest.AddRange(kept);
        }
    }
}

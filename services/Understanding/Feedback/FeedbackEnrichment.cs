using System.Collections.Concurrent;
using Cx.Common.V1;
using Cx.Eventing.Outbox;
using Cx.Events.V1;
using Cx.Persistence;
using Cx.Understanding.Data;
using Cx.Understanding.Domain.Enrichment;
using Cx.Understanding.Domain.Enrichment.Praise;
using Cx.Understanding.Domain.Enrichment.Topics;
using Cx.Understanding.Domain.Profiles;
using Cx.Understanding.Profiles;
using Microsoft.EntityFrameworkCore;
using ContractSentiment = Cx.Common.V1.SentimentLabel;
using EffortCue = Cx.Common.V1.EffortCue;
using EngineSentiment = Cx.Understanding.Domain.Enrichment.SentimentLabel;

namespace Cx.Understanding.Feedback;

/// <summary>
/// The comments of a response, enriched with the tenant's topics and names, kept, and announced:
/// <c>feedback_enriched</c> per comment (the analysis, never the words) and <c>praise_detected</c>
/// per praise found (the customer's words only with their consent to stories). A customer who
/// withdrew consent for analytics is not analysed at all; one who never said is (consent for
/// analytics stands until withdrawn, as the profile documents it). Runs in the transaction that
/// folds the response into the timeline, so the rows, the events and the inbox entry commit together.
/// </summary>
internal sealed class FeedbackEnrichment(UnderstandingDb db, ProfilesApi profiles, EnrichmentEngine engine, CompiledTaxonomies taxonomies, IExternalSentimentModel externalModel)
{
    public const string AnalyticsPurpose = "analytics";
    public const string StoriesPurpose = "stories";

    private const string Redaction = "…";

    public async Task EnrichAsync(ResponseRecorded response, DateTime occurredAtUtc, CancellationToken cancellationToken)
    {
        if (response.Comments.Count == 0 || response.ResponseId.Length == 0
            || await db.Feedback.AnyAsync(f => f.ResponseId == response.ResponseId, cancellationToken))
        {
            // A redelivery under another event id finds the rows of the first.
            return;
        }

        var context = response.Context ?? new ResponseContext();
        var customerId = string.Empty;
        string? viaMergeId = null;
        var consents = new List<ConsentDecision>();
        if (context.CustomerId.Length > 0)
        {
            if (await profiles.OwnerForEventAsync(context.CustomerId, cancellationToken) is not { } owner)
            {
                // Erased: what they said is not kept again.
                return;
            }

            (customerId, viaMergeId) = (owner.CustomerId, owner.ViaMergeId);
            var profile = db.Profiles.Local.FirstOrDefault(p => p.CustomerId == customerId)
                ?? await db.Profiles.FirstOrDefaultAsync(p => p.CustomerId == customerId, cancellationToken);
            consents = StoredJson.Read<List<ConsentDecision>>(profile?.ConsentsJson ?? "[]");
        }

        if (consents.Any(c => c.Purpose == AnalyticsPurpose && !c.Granted))
        {
            return;
        }

        var stories = consents.Any(c => c.Purpose == StoriesPurpose && c.Granted);
        var taxonomy = await CurrentTaxonomyAsync(cancellationToken);
        var names = await db.Names.AsNoTracking().ToListAsync(cancellationToken);
        var targets = names
            .GroupBy(n => n.EmployeeId.Length > 0 ? (n.EmployeeId, PraiseTargetKind.Employee) : (n.TeamId, PraiseTargetKind.Team))
            .Select(g => new NamedTarget(g.Key.Item1, g.Key.Item2, g.Select(n => n.Name).ToList()))
            .ToList();
        var employee = context.EmployeeId.Length > 0
            ? new ResponseEmployee(context.EmployeeId, names.FirstOrDefault(n => n.EmployeeId == context.EmployeeId)?.Name ?? string.Empty)
            : null;

        var enriched = new List<(int Ordinal, Comment Comment, EnrichmentResult Result)>();
        for (var ordinal = 0; ordinal < response.Comments.Count; ordinal++)
        {
            var comment = response.Comments[ordinal];
            if (string.IsNullOrWhiteSpace(comment.Text) || comment.Text.Length > EnrichmentEngine.MaxTextLength)
            {
                // Measurement refuses such comments; one that slipped through is not worth a dead letter.
                continue;
            }

            enriched.Add((ordinal, comment, engine.Enrich(new EnrichmentRequest(comment.Text, taxonomy, targets, employee))));
        }

        // One request for the response's comments; a comment without a usable answer keeps the built-in sentiment.
        var external = externalModel.IsConfigured
            ? await externalModel.ScoreAsync(enriched.Select(e => new SentimentQuery(e.Comment.Text, e.Result.Language)).ToList(), cancellationToken)
            : null;
        for (var i = 0; i < enriched.Count; i++)
        {
            var (ordinal, comment, result) = enriched[i];
            var model = SentimentModels.BuiltIn;
            if (external?[i] is { } answer)
            {
                // The model's spans stand as its drivers; what each added is not said, so none is recorded.
                result = result with { Sentiment = new SentimentResult(answer.Score, answer.Label, answer.Spans.Select(s => new SentimentDriver(s.Of(comment.Text), s, 0, false, 1)).ToList()) };
                model = SentimentModels.External;
            }

            var record = new FeedbackRecord
            {
                FeedbackId = $"{response.ResponseId}:{ordinal}",
                ResponseId = response.ResponseId,
                CustomerId = customerId,
                MetricId = comment.MetricId,
                JourneyId = context.JourneyId,
                JourneyStepId = context.JourneyStepId,
                OccurredAtUtc = occurredAtUtc,
                Language = result.Language,
                Sentiment = result.Sentiment.Score,
                Label = (int)ToContract(result.Sentiment.Label),
                EffortCuesJson = StoredJson.Of(EffortCues(result).Select(c => (int)c).ToList()),
                TopicIdsJson = StoredJson.Of(TopicIds(result)),
                TaxonomyVersion = result.TaxonomyVersion,
                DriversJson = StoredJson.Of(result.Sentiment.Drivers.Select(d => new StoredDriver(d.Text, d.Span.Start, d.Span.Length, d.Contribution, d.Negated, d.Intensity)).ToList()),
                Text = comment.Text,
                ViaMergeId = viaMergeId,
                Model = model,
            };
            db.Feedback.Add(record);
            db.Raise(new FeedbackEnriched
            {
                FeedbackId = record.FeedbackId,
                ResponseId = record.ResponseId,
                MetricId = record.MetricId,
                Context = context,
                Language = record.Language,
                Sentiment = record.Sentiment,
                Label = ToContract(result.Sentiment.Label),
                EffortCues = { EffortCues(result) },
                TopicIds = { TopicIds(result) },
                TaxonomyVersion = checked((int)result.TaxonomyVersion),
            }, customerId);

            foreach (var praise in result.Praise)
            {
                var (employeeId, teamId) = praise.Kind == PraiseTargetKind.Employee
                    ? (praise.TargetId, names.FirstOrDefault(n => n.EmployeeId == praise.TargetId)?.TeamId ?? string.Empty)
                    : (string.Empty, praise.TargetId);
                db.Raise(new PraiseDetected
                {
                    FeedbackId = record.FeedbackId,
                    ResponseId = record.ResponseId,
                    Context = context,
                    EmployeeId = employeeId,
                    TeamId = teamId,
                    Name = praise.Text,
                    Quote = stories ? comment.Text : Redacted(comment.Text, praise.Span),
                    QuoteRedacted = !stories,
                    Sentiment = result.Sentiment.Score,
                }, customerId);
            }
        }
    }

    /// <summary>Every word but the name replaced by "…": "…Li Wei…".</summary>
    internal static string Redacted(string text, TextSpan name) =>
        (text[..name.Start].Trim().Length > 0 ? Redaction : string.Empty)
        + name.Of(text)
        + (text[name.End..].Trim().Length > 0 ? Redaction : string.Empty);

    private async Task<Taxonomy?> CurrentTaxonomyAsync(CancellationToken cancellationToken)
    {
        var current = await db.Taxonomies.AsNoTracking().OrderByDescending(t => t.Version).FirstOrDefaultAsync(cancellationToken);
        return current is null ? null : taxonomies.Get(db.CurrentTenantId, current);
    }

    private static ContractSentiment ToContract(EngineSentiment label) => label switch
    {
        EngineSentiment.Negative => ContractSentiment.Negative,
        EngineSentiment.Positive => ContractSentiment.Positive,
        _ => ContractSentiment.Neutral,
    };

    private static List<EffortCue> EffortCues(EnrichmentResult result) =>
        result.EffortCues.Select(c => c.Kind switch
        {
            EffortKind.Waiting => EffortCue.Waiting,
            EffortKind.Repeating => EffortCue.Repeating,
            _ => EffortCue.Transferred,
        }).Distinct().ToList();

    private static List<string> TopicIds(EnrichmentResult result) => result.Topics.Select(t => t.TopicId).Distinct(StringComparer.Ordinal).ToList();

    private sealed record StoredDriver(string Text, int Start, int Length, double Contribution, bool Negated, double Intensity);
}

/// <summary>
/// Taxonomies compiled once per tenant and version: a version never changes once written, so the
/// compiled rules are reused by every delivery after the first.
/// </summary>
internal sealed class CompiledTaxonomies
{
    private readonly ConcurrentDictionary<(string Tenant, long Version), Taxonomy> _compiled = new();

    public Taxonomy Get(string tenant, TaxonomyRecord record) =>
        _compiled.GetOrAdd((tenant, record.Version), _ => Taxonomy.Compile(record.Version, StoredJson.Read<List<TopicDefinition>>(record.TopicsJson)));
}

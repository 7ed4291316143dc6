using System.Globalization;
using Cx.Domain.Errors;
using Cx.Domain.Paging;
using Cx.Persistence;
using Cx.ServiceDefaults.Tenancy;
using Cx.Understanding.Data;
using Microsoft.EntityFrameworkCore;
using V1 = Cx.Understanding.V1;

namespace Cx.Understanding.Insights;

/// <summary>
/// The insights repository: research notes tied to journey steps and to the records behind them,
/// searchable by their words in any language (containment, so Chinese needs no word breaking).
/// </summary>
internal sealed class InsightsApi(UnderstandingDb db, ActorContext actor, TimeProvider clock)
{
    public const string ResourceType = "insight";
    public const int MaxTitle = 200;
    public const int MaxText = 10_000;
    public const int MaxSteps = 20;
    public const int MaxTags = 20;
    public const int MaxTag = 50;
    public const int MaxEvidence = 50;
    public const int MaxQuery = 200;

    public async Task<V1.Insight> RecordAsync(V1.Insight? insight, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        if (insight is null)
        {
            validator.Add("insight", "Required.").ThrowIfInvalid();
        }

        validator
            .Require(Identifier.IsValid(insight!.InsightId), "insight.insight_id", Identifier.Rule)
            .Require(insight.Kind != V1.InsightKind.Unspecified && Enum.IsDefined(insight.Kind), "insight.kind", "Required: INTERVIEW, OBSERVATION, WORKSHOP or ANALYSIS.")
            .Require(insight.Title.Trim().Length is > 0 and <= MaxTitle, "insight.title", $"Required, at most {MaxTitle} characters.")
            .Require(insight.Text.Length <= MaxText, "insight.text", $"At most {MaxText:N0} characters.")
            .Require(Identifier.IsReference(insight.JourneyId), "insight.journey_id", "Required, at most 100 characters, no surrounding spaces.")
            .Require(insight.JourneyStepIds.Count <= MaxSteps && insight.JourneyStepIds.All(s => Identifier.IsReference(s) && !s.Contains('|', StringComparison.Ordinal)), "insight.journey_step_ids", $"At most {MaxSteps}, each at most 100 characters, without '|'.")
            .Require(insight.JourneyStepIds.Distinct().Count() == insight.JourneyStepIds.Count, "insight.journey_step_ids", "Each step at most once.")
            .Require(insight.Tags.Count <= MaxTags && insight.Tags.All(t => Identifier.IsReference(t, MaxTag) && !t.Contains('|', StringComparison.Ordinal)), "insight.tags", $"At most {MaxTags}, each 1 to {MaxTag} characters, without '|'.")
            .Require(insight.Evidence.Count <= MaxEvidence, "insight.evidence", $"At most {MaxEvidence}.")
            .Require(insight.Version == 0 && insight.RecordedBy.Length == 0 && insight.RecordedAt is null, "insight.version", "Set by the service: leave version, recorded_by and recorded_at unset.");
        for (var i = 0; i < insight.Evidence.Count; i++)
        {
            var evidence = insight.Evidence[i];
            validator
                .Require(evidence.Kind != V1.EvidenceKind.Unspecified && Enum.IsDefined(evidence.Kind), $"insight.evidence[{i}].kind", "Required: RESPONSE, COMMENT or INTERACTION.")
                .Require(Identifier.IsReference(evidence.Id, 220), $"insight.evidence[{i}].id", "Required, at most 220 characters, no surrounding spaces.");
        }

        validator.ThrowIfInvalid();
        await RequireEvidenceAsync(insight, cancellationToken);
        if (await db.Insights.AnyAsync(i => i.InsightId == insight.InsightId, cancellationToken))
        {
            throw new AlreadyExistsException(ResourceType, insight.InsightId);
        }

        var title = insight.Title.Trim();
        var record = new InsightRecord
        {
            InsightId = insight.InsightId,
            Kind = (int)insight.Kind,
            Title = title,
            Text = insight.Text,
            JourneyId = insight.JourneyId,
            StepsKey = Key(insight.JourneyStepIds),
            TagsKey = Key(insight.Tags),
            EvidenceJson = StoredJson.Of(insight.Evidence.Select(e => new StoredEvidence((int)e.Kind, e.Id)).ToList()),
            SearchText = string.Join('\n', [title, insight.Text, .. insight.Tags]).ToLowerInvariant(),
            RecordedBy = actor.Actor,
            RecordedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.Insights.Add(record);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (Cx.Persistence.DatabaseErrors.IsUniqueViolation(e))
        {
            throw new AlreadyExistsException(ResourceType, record.InsightId);
        }

        return ToContract(record);
    }

    public async Task<V1.Insight> GetAsync(string insightId, CancellationToken cancellationToken) =>
        ToContract(await FindAsync(insightId, tracked: false, cancellationToken));

    public async Task<V1.SearchInsightsResponse> SearchAsync(V1.SearchInsightsRequest request, CancellationToken cancellationToken)
    {
        var validator = new Validator()
            .Require(request.Query.Length <= MaxQuery, "query", $"At most {MaxQuery} characters.")
            .Require(request.JourneyId.Length <= 100, "journey_id", "At most 100 characters.")
            .Require(request.JourneyStepId.Length <= 100, "journey_step_id", "At most 100 characters.")
            .Require(Enum.IsDefined(request.Kind), "kind", "Not an InsightKind.")
            .Require(request.Tag.Length <= MaxTag, "tag", $"At most {MaxTag} characters.");
        var page = PageRequest.Read(request.PageSize, request.PageToken, validator);
        (DateTime At, string Id)? after = null;
        if (page.AfterKey is { } key)
        {
            var parts = key.Split('|', 2);
            after = parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTime.MaxValue.Ticks
                ? (new DateTime(ticks, DateTimeKind.Utc), parts[1])
                : null;
            validator.Require(after is not null, "page_token", "Not a token this API issued: pass next_page_token from a previous response unchanged.");
        }

        validator.ThrowIfInvalid();
        var insights = db.Insights.AsNoTracking();
        foreach (var word in request.Query.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal))
        {
            insights = insights.Where(i => i.SearchText.Contains(word));
        }

        if (request.JourneyId.Length > 0)
        {
            insights = insights.Where(i => i.JourneyId == request.JourneyId);
        }

        if (request.JourneyStepId.Length > 0)
        {
            var step = "|" + request.JourneyStepId + "|";
            insights = insights.Where(i => i.StepsKey.Contains(step));
        }

        if (request.Kind != V1.InsightKind.Unspecified)
        {
            insights = insights.Where(i => i.Kind == (int)request.Kind);
        }

        if (request.Tag.Length > 0)
        {
            var tag = "|" + request.Tag + "|";
            insights = insights.Where(i => i.TagsKey.Contains(tag));
        }

        if (after is var (at, id))
        {
            insights = insights.Where(i => i.RecordedAtUtc < at || (i.RecordedAtUtc == at && string.Compare(i.InsightId, id) > 0));
        }

        var window = await insights.OrderByDescending(i => i.RecordedAtUtc).ThenBy(i => i.InsightId).Take(page.Size + 1).ToListAsync(cancellationToken);
        var response = new V1.SearchInsightsResponse { Insights = { window.Take(page.Size).Select(ToContract) } };
        if (window.Count > page.Size)
        {
            var last = window[page.Size - 1];
            response.NextPageToken = PageRequest.TokenAfter(last.RecordedAtUtc.Ticks.ToString(CultureInfo.InvariantCulture) + "|" + last.InsightId);
        }

        return response;
    }

    public async Task<V1.DeleteInsightResponse> DeleteAsync(V1.DeleteInsightRequest request, CancellationToken cancellationToken)
    {
        new Validator().Require(request.ExpectedVersion >= 0, "expected_version", "Zero (any version) or the version read.").ThrowIfInvalid();
        var record = await FindAsync(request.InsightId, tracked: true, cancellationToken);
        ReadBeforeWrite.RequireVersion(request.ExpectedVersion, record.Version, "Insight " + record.InsightId, "insight/" + record.InsightId);

        db.Insights.Remove(record);
        await db.SaveChangesAsync(cancellationToken);
        return new V1.DeleteInsightResponse();
    }

    /// <summary>Comments and interactions must be this tenant's; responses are Measurement's and may not have arrived yet.</summary>
    private async Task RequireEvidenceAsync(V1.Insight insight, CancellationToken cancellationToken)
    {
        var comments = insight.Evidence.Where(e => e.Kind == V1.EvidenceKind.Comment).Select(e => e.Id).ToList();
        var interactions = insight.Evidence.Where(e => e.Kind == V1.EvidenceKind.Interaction).Select(e => e.Id).ToList();
        var knownComments = await db.Feedback.Where(f => comments.Contains(f.FeedbackId)).Select(f => f.FeedbackId).ToListAsync(cancellationToken);
        var knownInteractions = await db.Timeline.Where(t => interactions.Contains(t.EntryId)).Select(t => t.EntryId).ToListAsync(cancellationToken);
        if (comments.FirstOrDefault(id => !knownComments.Contains(id)) is { } comment)
        {
            throw new NotFoundException("comment", comment);
        }

        if (interactions.FirstOrDefault(id => !knownInteractions.Contains(id)) is { } interaction)
        {
            throw new NotFoundException("interaction", interaction);
        }
    }

    private static string Key(IEnumerable<string> values) => "|" + string.Concat(values.Select(v => v + "|"));

    private async Task<InsightRecord> FindAsync(string insightId, bool tracked, CancellationToken cancellationToken)
    {
        new Validator().Require(Identifier.IsValid(insightId), "insight_id", Identifier.Rule).ThrowIfInvalid();
        var insights = tracked ? db.Insights : db.Insights.AsNoTracking();
        return await insights.FirstOrDefaultAsync(i => i.InsightId == insightId, cancellationToken) ?? throw new NotFoundException(ResourceType, insightId);
    }

    private static V1.Insight ToContract(InsightRecord record) => new()
    {
        InsightId = record.InsightId,
        Kind = (V1.InsightKind)record.Kind,
        Title = record.Title,
        Text = record.Text,
        JourneyId = record.JourneyId,
        JourneyStepIds = { record.StepsKey.Split('|', StringSplitOptions.RemoveEmptyEntries) },
        Tags = { record.TagsKey.Split('|', StringSplitOptions.RemoveEmptyEntries) },
        Evidence = { StoredJson.Read<List<StoredEvidence>>(record.EvidenceJson).Select(e => new V1.InsightEvidence { Kind = (V1.EvidenceKind)e.Kind, Id = e.Id }) },
        RecordedBy = record.RecordedBy,
        RecordedAt = ContractMapping.ToTimestamp(record.RecordedAtUtc),
        Version = record.Version,
    };

    private sealed record StoredEvidence(int Kind, string Id);
}

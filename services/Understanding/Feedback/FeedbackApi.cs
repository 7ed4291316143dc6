using System.Globalization;
using Cx.Domain.Errors;
using Cx.Domain.Paging;
using Cx.Persistence;
using Cx.Understanding.Data;
using Microsoft.EntityFrameworkCore;
using V1 = Cx.Understanding.V1;

namespace Cx.Understanding.Feedback;

/// <summary>The enriched comments, newest first, filtered by customer, step, label, topic and time, paged as the timeline is.</summary>
internal sealed class FeedbackApi(UnderstandingDb db)
{
    public async Task<V1.ListFeedbackResponse> ListAsync(V1.ListFeedbackRequest request, CancellationToken cancellationToken)
    {
        var validator = new Validator()
            .Require(Enum.IsDefined(request.Label), "label", "Not a sentiment label.")
            .Require(request.TopicId.Length <= 100, "topic_id", "At most 100 characters.")
            .Require(request.CustomerId.Length <= 100, "customer_id", "At most 100 characters.")
            .Require(request.From is null || request.To is null || request.From.ToDateTimeOffset() < request.To.ToDateTimeOffset(), "to", "Must be after from.");
        var page = PageRequest.Read(request.PageSize, request.PageToken, validator);
        var after = page.AfterKey is { } key ? Cursor(key) : null;
        validator.Require(page.AfterKey is null || after is not null, "page_token", "Not a token this API issued: pass next_page_token from a previous response unchanged.");
        validator.ThrowIfInvalid();

        var rows = db.Feedback.AsNoTracking();
        if (request.CustomerId.Length > 0)
        {
            rows = rows.Where(f => f.CustomerId == request.CustomerId);
        }

        if (request.JourneyStepId.Length > 0)
        {
            rows = rows.Where(f => f.JourneyStepId == request.JourneyStepId);
        }

        if (request.Label != Cx.Common.V1.SentimentLabel.Unspecified)
        {
            var label = (int)request.Label;
            rows = rows.Where(f => f.Label == label);
        }

        if (request.TopicId.Length > 0)
        {
            // Topic ids are identifiers (no quotes), so the quoted id matches one element of the stored array.
            var quoted = "\"" + request.TopicId + "\"";
            rows = rows.Where(f => f.TopicIdsJson.Contains(quoted));
        }

        if (request.From is { } from)
        {
            var fromUtc = from.ToDateTime();
            rows = rows.Where(f => f.OccurredAtUtc >= fromUtc);
        }

        if (request.To is { } to)
        {
            var toUtc = to.ToDateTime();
            rows = rows.Where(f => f.OccurredAtUtc < toUtc);
        }

        if (after is { } cursor)
        {
            var (afterAt, afterId) = cursor;
            rows = rows.Where(f => f.OccurredAtUtc < afterAt || (f.OccurredAtUtc == afterAt && string.Compare(f.FeedbackId, afterId) < 0));
        }

        var window = await rows.OrderByDescending(f => f.OccurredAtUtc).ThenByDescending(f => f.FeedbackId).Take(page.Size + 1).ToListAsync(cancellationToken);
        var response = new V1.ListFeedbackResponse { Feedback = { window.Take(page.Size).Select(ToContract) } };
        if (window.Count > page.Size)
        {
            var last = window[page.Size - 1];
            response.NextPageToken = PageRequest.TokenAfter(last.OccurredAtUtc.Ticks.ToString(CultureInfo.InvariantCulture) + "|" + last.FeedbackId);
        }

        return response;
    }

    private static (DateTime At, string FeedbackId)? Cursor(string key)
    {
        var parts = key.Split('|');
        return parts.Length == 2 && parts[1].Length > 0
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTime.MaxValue.Ticks
            ? (new DateTime(ticks, DateTimeKind.Utc), parts[1])
            : null;
    }

    private static V1.FeedbackItem ToContract(FeedbackRecord f) => new()
    {
        FeedbackId = f.FeedbackId,
        ResponseId = f.ResponseId,
        CustomerId = f.CustomerId,
        MetricId = f.MetricId,
        JourneyId = f.JourneyId,
        JourneyStepId = f.JourneyStepId,
        OccurredAt = ContractMapping.ToTimestamp(f.OccurredAtUtc),
        Language = f.Language,
        Sentiment = f.Sentiment,
        Label = (Cx.Common.V1.SentimentLabel)f.Label,
        EffortCues = { StoredJson.Read<List<int>>(f.EffortCuesJson).Select(c => (Cx.Common.V1.EffortCue)c) },
        TopicIds = { StoredJson.Read<List<string>>(f.TopicIdsJson) },
        TaxonomyVersion = checked((int)f.TaxonomyVersion),
        Text = f.Text,
        Model = f.Model,
    };
}

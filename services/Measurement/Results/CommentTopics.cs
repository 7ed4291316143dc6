using Cx.Eventing.Subscribing;
using Cx.Events.V1;
using Cx.Measurement.Data;
using Cx.Persistence.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cx.Measurement.Results;

/// <summary>
/// A topic of Understanding's taxonomy that a comment of a response mentions, as its
/// feedback_enriched events say: topic impact reads the answers of responses with and without it.
/// Ids only: the words stay with the comment.
/// </summary>
public sealed class ResponseTopicRecord : ITenantOwned
{
    public string TenantId { get; set; } = string.Empty;

    public Guid ResponseId { get; set; }

    public string TopicId { get; set; } = string.Empty;

    internal static void Configure(EntityTypeBuilder<ResponseTopicRecord> topic)
    {
        topic.ToTable("response_topics");
        topic.HasKey(t => new { t.TenantId, t.ResponseId, t.TopicId });
        topic.Property(t => t.TopicId).HasMaxLength(100);

        // Topic impact's question: the responses that mention these topics.
        topic.HasIndex(t => new { t.TenantId, t.TopicId, t.ResponseId });
    }
}

/// <summary>
/// Keeps the topics each enriched comment mentions against its response, once each: a response's
/// several comments, or the same comment redelivered, add a topic only the first time.
/// </summary>
internal sealed class KeepCommentTopics(MeasurementDb db) : IHandleEvent<FeedbackEnriched>
{
    public async Task HandleAsync(FeedbackEnriched message, EventContext context, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(message.ResponseId, out var responseId))
        {
            return;
        }

        var topics = message.TopicIds.Where(t => t.Length is > 0 and <= 100).Distinct(StringComparer.Ordinal).ToList();
        var kept = await db.ResponseTopics.Where(t => t.ResponseId == responseId && topics.Contains(t.TopicId)).Select(t => t.TopicId).ToListAsync(cancellationToken);
        foreach (var topic in topics.Except(kept, StringComparer.Ordinal))
        {
            if (!db.ResponseTopics.Local.Any(t => t.ResponseId == responseId && t.TopicId == topic))
            {
                db.ResponseTopics.Add(new ResponseTopicRecord { ResponseId = responseId, TopicId = topic });
            }
        }
    }
}

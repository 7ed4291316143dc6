using Cx.Measurement.Data;
using Cx.Persistence.Tenancy;

namespace Cx.Measurement.Responses;

/// <summary>A recorded response with the context every filter and grouping reads.</summary>
public sealed class ResponseRecord : ITenantOwned, IContextTags
{
    public Guid Id { get; set; }

    public string TenantId { get; set; } = string.Empty;

    public string SubmissionId { get; set; } = string.Empty;

    /// <summary>The instrument the response answers ("" for none): the one it named, or its invitation's.</summary>
    public string InstrumentId { get; set; } = string.Empty;

    /// <summary>The invitation the response answers ("" for none).</summary>
    public string InvitationId { get; set; } = string.Empty;

    public string Channel { get; set; } = string.Empty;

    public string JourneyId { get; set; } = string.Empty;

    public string JourneyStepId { get; set; } = string.Empty;

    public string Touchpoint { get; set; } = string.Empty;

    public string Segment { get; set; } = string.Empty;

    public string Region { get; set; } = string.Empty;

    public string EmployeeId { get; set; } = string.Empty;

    public string TeamId { get; set; } = string.Empty;

    public string CustomerId { get; set; } = string.Empty;

    public DateTime OccurredAtUtc { get; set; }

    /// <summary>Calendar buckets, kept at recording so time groupings are plain GROUP BYs on every provider.</summary>
    public string Day { get; set; } = string.Empty;

    public string Week { get; set; } = string.Empty;

    public string Month { get; set; } = string.Empty;

    public DateTime RecordedAtUtc { get; set; }

    public List<AnswerRecord> Answers { get; set; } = [];

    public List<CommentRecord> Comments { get; set; } = [];
}

/// <summary>One answer of a response, scored against the definition version current when it was recorded.</summary>
public sealed class AnswerRecord : ITenantOwned
{
    public long Id { get; set; }

    public string TenantId { get; set; } = string.Empty;

    public Guid ResponseId { get; set; }

    public ResponseRecord? Response { get; set; }

    public string MetricId { get; set; } = string.Empty;

    public int MetricVersion { get; set; }

    /// <summary>Null: the item was skipped (kept, never counted in n).</summary>
    public int? Score { get; set; }
}

/// <summary>What the customer wrote with a response, kept as written; the response's comments in the order given.</summary>
public sealed class CommentRecord : ITenantOwned
{
    public string TenantId { get; set; } = string.Empty;

    public Guid ResponseId { get; set; }

    /// <summary>The comment's place among its response's comments, from 0.</summary>
    public int Ordinal { get; set; }

    public ResponseRecord? Response { get; set; }

    /// <summary>The metric (question) the comment answers; "" for a comment on the response as a whole.</summary>
    public string MetricId { get; set; } = string.Empty;

    public string Text { get; set; } = string.Empty;

    /// <summary>A BCP 47 tag, as the caller gave it.</summary>
    public string Language { get; set; } = string.Empty;
}

using Cx.Persistence.Tenancy;

namespace Cx.Understanding.Feedback;

/// <summary>One enriched comment. The text is the customer's words: erasure deletes the row.</summary>
public sealed class FeedbackRecord : ITenantOwned
{
    public string TenantId { get; set; } = string.Empty;

    /// <summary>"&lt;response id&gt;:&lt;ordinal&gt;": the comment's place in its response.</summary>
    public string FeedbackId { get; set; } = string.Empty;

    public string ResponseId { get; set; } = string.Empty;

    /// <summary>The profile it belongs to when it arrived; empty for a response without a customer.</summary>
    public string CustomerId { get; set; } = string.Empty;

    public string MetricId { get; set; } = string.Empty;

    public string JourneyId { get; set; } = string.Empty;

    public string JourneyStepId { get; set; } = string.Empty;

    public DateTime OccurredAtUtc { get; set; }

    /// <summary>The language the engine detected: "en", "zh" or "und".</summary>
    public string Language { get; set; } = string.Empty;

    public double Sentiment { get; set; }

    /// <summary>The contract's <c>SentimentLabel</c>.</summary>
    public int Label { get; set; }

    /// <summary>A JSON array of the contract's <c>EffortCue</c> values, each once.</summary>
    public string EffortCuesJson { get; set; } = "[]";

    /// <summary>A JSON array of topic ids, each once, in order of first mention.</summary>
    public string TopicIdsJson { get; set; } = "[]";

    public long TaxonomyVersion { get; set; }

    /// <summary>A JSON array of the sentiment drivers, each with its span in <see cref="Text"/>.</summary>
    public string DriversJson { get; set; } = "[]";

    public string Text { get; set; } = string.Empty;

    /// <summary>The model that gave the sentiment: <see cref="Domain.Enrichment.SentimentModels.BuiltIn"/>, or the external one.</summary>
    public string Model { get; set; } = Domain.Enrichment.SentimentModels.BuiltIn;

    /// <summary>Set when it arrived for a customer merged into another: the undo of that merge gives it back.</summary>
    public string? ViaMergeId { get; set; }
}

/// <summary>One version of a tenant's topics; the highest version is the current one.</summary>
public sealed class TaxonomyRecord : ITenantOwned
{
    public string TenantId { get; set; } = string.Empty;

    public long Version { get; set; }

    /// <summary>A JSON array of topic definitions (id, name, rules), as the engine compiles them.</summary>
    public string TopicsJson { get; set; } = "[]";

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>Who set it (the verified caller); empty for versions written before anyone could.</summary>
    public string CreatedBy { get; set; } = string.Empty;
}

/// <summary>A name customers may write for an employee (of a team) or for a team.</summary>
public sealed class NameRecord : ITenantOwned
{
    public string TenantId { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    /// <summary>Empty when the name is a team's.</summary>
    public string EmployeeId { get; set; } = string.Empty;

    public string TeamId { get; set; } = string.Empty;
}

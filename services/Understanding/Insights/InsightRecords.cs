using Cx.Persistence.Concurrency;
using Cx.Persistence.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Cx.Understanding.Insights;

/// <summary>A research note, with keys kept for its filters: the steps and tags between bars, and its words lower-cased for search.</summary>
public sealed class InsightRecord : ITenantOwned, IVersioned
{
    public string TenantId { get; set; } = string.Empty;

    public string InsightId { get; set; } = string.Empty;

    /// <summary>The contract's InsightKind.</summary>
    public int Kind { get; set; }

    public string Title { get; set; } = string.Empty;

    public string Text { get; set; } = string.Empty;

    public string JourneyId { get; set; } = string.Empty;

    /// <summary>"|step-a|step-b|": a step filter is one containment test.</summary>
    public string StepsKey { get; set; } = "|";

    /// <summary>"|tag|other tag|", as given.</summary>
    public string TagsKey { get; set; } = "|";

    /// <summary>The contract's evidence list as JSON.</summary>
    public string EvidenceJson { get; set; } = "[]";

    /// <summary>Title, text and tags, lower-cased (invariant): search matches words against it in any case.</summary>
    public string SearchText { get; set; } = string.Empty;

    public string RecordedBy { get; set; } = string.Empty;

    public DateTime RecordedAtUtc { get; set; }

    public long Version { get; set; }

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<InsightRecord>(insight =>
    {
        insight.ToTable("insights");
        insight.HasKey(i => new { i.TenantId, i.InsightId });
        insight.Property(i => i.InsightId).HasMaxLength(63);
        insight.Property(i => i.Title).HasMaxLength(200);
        insight.Property(i => i.JourneyId).HasMaxLength(100);
        insight.Property(i => i.RecordedBy).HasMaxLength(200);

        // Search reads a journey's insights newest first.
        insight.HasIndex(i => new { i.TenantId, i.JourneyId, i.RecordedAtUtc });
        insight.HasIndex(i => new { i.TenantId, i.RecordedAtUtc, i.InsightId });
    });
}

using Cx.Persistence.Concurrency;
using Cx.Persistence.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Cx.Design.Briefs;

/// <summary>A design brief, kept whole as the contract's JSON, with the columns its list filters on.</summary>
public sealed class BriefRecord : ITenantOwned, IVersioned
{
    public string TenantId { get; set; } = string.Empty;

    public string BriefId { get; set; } = string.Empty;

    public string JourneyId { get; set; } = string.Empty;

    /// <summary>"|a|b|": whether a brief answers a pain point is one containment test.</summary>
    public string PainPointIdsKey { get; set; } = "|";

    /// <summary>The DesignBrief message with its content only.</summary>
    public string DocumentJson { get; set; } = "{}";

    public DateTime CreatedAtUtc { get; set; }

    public string CreatedBy { get; set; } = string.Empty;

    public DateTime UpdatedAtUtc { get; set; }

    public string UpdatedBy { get; set; } = string.Empty;

    /// <summary>The contract's revision.</summary>
    public long Version { get; set; }

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<BriefRecord>(brief =>
    {
        brief.ToTable("briefs");
        brief.HasKey(b => new { b.TenantId, b.BriefId });
        brief.Property(b => b.BriefId).HasMaxLength(63);
        brief.Property(b => b.JourneyId).HasMaxLength(63);
        brief.Property(b => b.PainPointIdsKey).HasMaxLength(1400);
        brief.Property(b => b.CreatedBy).HasMaxLength(200);
        brief.Property(b => b.UpdatedBy).HasMaxLength(200);
        brief.HasIndex(b => new { b.TenantId, b.JourneyId });
    });
}

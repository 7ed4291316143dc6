using Cx.Persistence.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Cx.Culture.Rituals;

/// <summary>A ritual's digest for one team or manager and one period, kept whole as the contract's JSON.</summary>
public sealed class DigestRecord : ITenantOwned
{
    public string TenantId { get; set; } = string.Empty;

    public string DigestId { get; set; } = string.Empty;

    /// <summary>The contract's RitualKind.</summary>
    public int Kind { get; set; }

    /// <summary>The team (weekly) or the manager (monthly) it is for: with the kind and the period, unique.</summary>
    public string SubjectId { get; set; } = string.Empty;

    public string TeamId { get; set; } = string.Empty;

    public string ManagerId { get; set; } = string.Empty;

    public DateTime PeriodStartUtc { get; set; }

    public DateTime GeneratedAtUtc { get; set; }

    /// <summary>The RitualDigest message.</summary>
    public string DocumentJson { get; set; } = "{}";

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<DigestRecord>(digest =>
    {
        digest.ToTable("ritual_digests");
        digest.HasKey(d => new { d.TenantId, d.DigestId });
        digest.Property(d => d.DigestId).HasMaxLength(36);
        digest.Property(d => d.SubjectId).HasMaxLength(64);
        digest.Property(d => d.TeamId).HasMaxLength(64);
        digest.Property(d => d.ManagerId).HasMaxLength(64);
        digest.HasIndex(d => new { d.TenantId, d.Kind, d.SubjectId, d.PeriodStartUtc }).IsUnique();
        digest.HasIndex(d => new { d.TenantId, d.GeneratedAtUtc });
    });
}

using Cx.Persistence.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Cx.Strategy.Targets;

/// <summary>A target, kept whole as the contract's JSON, with what its evaluation is found by.</summary>
public sealed class TargetRecord : ITenantOwned
{
    public string TenantId { get; set; } = string.Empty;

    public string TargetId { get; set; } = string.Empty;

    /// <summary>The metrics whose announced changes move it, space-separated and space-enclosed (" a b "), so one is found with a contains.</summary>
    public string MetricIds { get; set; } = string.Empty;

    public string ObjectiveId { get; set; } = string.Empty;

    /// <summary>The contract's TargetStatus at the last evaluation.</summary>
    public int Status { get; set; }

    /// <summary>When an evaluation is next due: set to now when Measurement announces a move, and a day after each evaluation.</summary>
    public DateTime DueAtUtc { get; set; }

    public DateTime SetAtUtc { get; set; }

    /// <summary>The Target message.</summary>
    public string DocumentJson { get; set; } = "{}";

    /// <summary>Optimistic concurrency: an evaluation that raced another is not applied twice.</summary>
    public long Version { get; set; }

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<TargetRecord>(target =>
    {
        target.ToTable("targets");
        target.HasKey(t => new { t.TenantId, t.TargetId });
        target.Property(t => t.TargetId).HasMaxLength(63);
        target.Property(t => t.MetricIds).HasMaxLength(700);
        target.Property(t => t.ObjectiveId).HasMaxLength(63);
        target.Property(t => t.Version).IsConcurrencyToken();
        target.HasIndex(t => new { t.TenantId, t.DueAtUtc });
        target.HasIndex(t => new { t.TenantId, t.Status });
    });
}

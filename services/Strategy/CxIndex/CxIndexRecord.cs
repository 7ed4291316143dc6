using Cx.Persistence.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Cx.Strategy.CxIndex;

/// <summary>One version of the tenant's CX index: which of Measurement's composites computes it, and its definition as the contract's JSON.</summary>
public sealed class CxIndexRecord : ITenantOwned
{
    public string TenantId { get; set; } = string.Empty;

    public int Version { get; set; }

    /// <summary>Measurement's composite index id.</summary>
    public string IndexId { get; set; } = string.Empty;

    /// <summary>The component metrics, space-separated: a change announced on any of them moves the index.</summary>
    public string MetricIds { get; set; } = string.Empty;

    public DateTime DefinedAtUtc { get; set; }

    /// <summary>The CxIndex message.</summary>
    public string DocumentJson { get; set; } = "{}";

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<CxIndexRecord>(index =>
    {
        index.ToTable("cx_indexes");
        index.HasKey(i => new { i.TenantId, i.Version });
        index.Property(i => i.IndexId).HasMaxLength(63);
        index.Property(i => i.MetricIds).HasMaxLength(700);
    });
}

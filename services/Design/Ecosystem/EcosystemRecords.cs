using Cx.Persistence.Concurrency;
using Cx.Persistence.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Cx.Design.Ecosystem;

/// <summary>An ecosystem map, kept whole as the contract's JSON.</summary>
public sealed class EcosystemMapRecord : ITenantOwned, IVersioned
{
    public string TenantId { get; set; } = string.Empty;

    public string MapId { get; set; } = string.Empty;

    public string JourneyId { get; set; } = string.Empty;

    /// <summary>The EcosystemMap message with its content only.</summary>
    public string DocumentJson { get; set; } = "{}";

    public DateTime CreatedAtUtc { get; set; }

    public string CreatedBy { get; set; } = string.Empty;

    public DateTime UpdatedAtUtc { get; set; }

    public string UpdatedBy { get; set; } = string.Empty;

    /// <summary>The contract's revision.</summary>
    public long Version { get; set; }

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<EcosystemMapRecord>(map =>
    {
        map.ToTable("ecosystem_maps");
        map.HasKey(m => new { m.TenantId, m.MapId });
        map.Property(m => m.MapId).HasMaxLength(63);
        map.Property(m => m.JourneyId).HasMaxLength(63);
        map.Property(m => m.CreatedBy).HasMaxLength(200);
        map.Property(m => m.UpdatedBy).HasMaxLength(200);
        map.HasIndex(m => new { m.TenantId, m.JourneyId });
    });
}

/// <summary>
/// A negative comment or a praise at a journey step, as Understanding's events told it: where,
/// which team and employee it names, and a negative comment's topics. No customer and no words:
/// only what weighs an ecosystem map and names what hurts at a step.
/// </summary>
public sealed class EcosystemSignalRecord : ITenantOwned
{
    public string TenantId { get; set; } = string.Empty;

    /// <summary>The kind and the comment it comes from (and, for praise, whom it names): one row per signal, however often its event arrives.</summary>
    public string SignalId { get; set; } = string.Empty;

    /// <summary>The domain's SignalKind.</summary>
    public int Kind { get; set; }

    public string JourneyId { get; set; } = string.Empty;

    public string JourneyStepId { get; set; } = string.Empty;

    public string Touchpoint { get; set; } = string.Empty;

    public string TeamId { get; set; } = string.Empty;

    public string EmployeeId { get; set; } = string.Empty;

    public DateTime OccurredAtUtc { get; set; }

    /// <summary>For a negative comment, the taxonomy topics it mentions, between bars ("|late-delivery|"): the map's top negative topics per step.</summary>
    public string TopicIdsKey { get; set; } = string.Empty;

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<EcosystemSignalRecord>(signal =>
    {
        signal.ToTable("ecosystem_signals");
        signal.HasKey(s => new { s.TenantId, s.SignalId });
        signal.Property(s => s.SignalId).HasMaxLength(400);
        signal.Property(s => s.JourneyId).HasMaxLength(100);
        signal.Property(s => s.JourneyStepId).HasMaxLength(100);
        signal.Property(s => s.Touchpoint).HasMaxLength(100);
        signal.Property(s => s.TeamId).HasMaxLength(100);
        signal.Property(s => s.EmployeeId).HasMaxLength(100);
        signal.Property(s => s.TopicIdsKey).HasMaxLength(2000);

        // A map's weights read one journey's signals over a window.
        signal.HasIndex(s => new { s.TenantId, s.JourneyId, s.OccurredAtUtc });
    });
}

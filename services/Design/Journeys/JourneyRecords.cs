using Cx.Persistence.Concurrency;
using Cx.Persistence.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Cx.Design.Journeys;

/// <summary>
/// A journey: which of its versions is the latest and which is published, what the latest says
/// about itself (for the list's filters), and the change counter every write to any version moves.
/// </summary>
public sealed class JourneyRecord : ITenantOwned, IVersioned
{
    public string TenantId { get; set; } = string.Empty;

    public string JourneyId { get; set; } = string.Empty;

    public int LatestVersion { get; set; }

    /// <summary>0 while no version is published.</summary>
    public int PublishedVersion { get; set; }

    /// <summary>The contract's JourneyType and JourneyState, of the latest version.</summary>
    public int Type { get; set; }

    public int State { get; set; }

    /// <summary>The contract's revision.</summary>
    public long Version { get; set; }

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<JourneyRecord>(journey =>
    {
        journey.ToTable("journeys");
        journey.HasKey(j => new { j.TenantId, j.JourneyId });
        journey.Property(j => j.JourneyId).HasMaxLength(63);
    });
}

/// <summary>One version of a journey: what it says, kept whole as the contract's JSON, and its life.</summary>
public sealed class JourneyVersionRecord : ITenantOwned
{
    public string TenantId { get; set; } = string.Empty;

    public string JourneyId { get; set; } = string.Empty;

    public int Version { get; set; }

    /// <summary>The contract's JourneyVersionStatus.</summary>
    public int Status { get; set; }

    /// <summary>The Journey message with its content only (no read-only fields).</summary>
    public string DocumentJson { get; set; } = "{}";

    /// <summary>"|step-a|step-b|": whether a version holds a step is one containment test.</summary>
    public string StepIdsKey { get; set; } = "|";

    public DateTime CreatedAtUtc { get; set; }

    public string CreatedBy { get; set; } = string.Empty;

    public DateTime UpdatedAtUtc { get; set; }

    public string UpdatedBy { get; set; } = string.Empty;

    public DateTime? PublishedAtUtc { get; set; }

    public string PublishedBy { get; set; } = string.Empty;

    /// <summary>
    /// How many reviews of this to-be draft were asked of Governance: each publication asks for the
    /// next, counted before it is asked, so a retry is never answered with a review of other evidence.
    /// </summary>
    public int ReviewAttempt { get; set; }

    /// <summary>Governance's review that passed the version, once published through the gate.</summary>
    public string ReviewId { get; set; } = string.Empty;

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<JourneyVersionRecord>(version =>
    {
        version.ToTable("journey_versions");
        version.HasKey(v => new { v.TenantId, v.JourneyId, v.Version });
        version.Property(v => v.JourneyId).HasMaxLength(63);
        version.Property(v => v.CreatedBy).HasMaxLength(200);
        version.Property(v => v.UpdatedBy).HasMaxLength(200);
        version.Property(v => v.PublishedBy).HasMaxLength(200);
        version.Property(v => v.ReviewId).HasMaxLength(100);
    });
}

using Cx.Persistence.Concurrency;
using Cx.Persistence.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Cx.Design.Experiments;

/// <summary>An experiment: what it tests, kept whole as the contract's JSON (with its result once concluded), and the columns its lists and the conclusion job select on.</summary>
public sealed class ExperimentRecord : ITenantOwned, IVersioned
{
    public string TenantId { get; set; } = string.Empty;

    public string ExperimentId { get; set; } = string.Empty;

    public string JourneyId { get; set; } = string.Empty;

    /// <summary>Empty when the experiment is evidence for no journey's review.</summary>
    public string EvidenceForJourneyId { get; set; } = string.Empty;

    /// <summary>The front-line suggestion it tries; empty for none.</summary>
    public string SuggestionId { get; set; } = string.Empty;

    public DateTime StartsAtUtc { get; set; }

    public DateTime EndsAtUtc { get; set; }

    /// <summary>Null until concluded.</summary>
    public DateTime? ConcludedAtUtc { get; set; }

    /// <summary>The Experiment message: what the caller planned, and the result once concluded.</summary>
    public string DocumentJson { get; set; } = "{}";

    public DateTime CreatedAtUtc { get; set; }

    public string CreatedBy { get; set; } = string.Empty;

    public string ConcludedBy { get; set; } = string.Empty;

    public long Version { get; set; }

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<ExperimentRecord>(experiment =>
    {
        experiment.ToTable("experiments");
        experiment.HasKey(e => new { e.TenantId, e.ExperimentId });
        experiment.Property(e => e.ExperimentId).HasMaxLength(63);
        experiment.Property(e => e.JourneyId).HasMaxLength(63);
        experiment.Property(e => e.EvidenceForJourneyId).HasMaxLength(63);
        experiment.Property(e => e.SuggestionId).HasMaxLength(63);
        experiment.Property(e => e.CreatedBy).HasMaxLength(200);
        experiment.Property(e => e.ConcludedBy).HasMaxLength(200);

        // The conclusion job looks for running experiments past their end, across tenants.
        experiment.HasIndex(e => new { e.ConcludedAtUtc, e.EndsAtUtc });
        experiment.HasIndex(e => new { e.TenantId, e.EvidenceForJourneyId });
        experiment.HasIndex(e => new { e.TenantId, e.SuggestionId });
    });
}

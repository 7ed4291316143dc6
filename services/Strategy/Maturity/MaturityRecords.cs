using Cx.Persistence.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Cx.Strategy.Maturity;

/// <summary>What a signal is of.</summary>
public enum SignalKind
{
    CaseClosed = 1,
    ExperimentConcluded = 2,
    RecognitionAwarded = 3,
    SuggestionAdopted = 4,
    DriverAnalysis = 5,
    PainPointConfirmed = 6,
    ActionPlanCompleted = 7,
    CommentsEnriched = 8,
    JourneyPublished = 9,
    StandardPublished = 10,
}

/// <summary>
/// One thing another discipline announced, at the moment it happened there: a case closed (value 1
/// within its SLA, 0 not), an experiment concluded, an employee recognised (detail: who), a comment
/// enriched, and so on. One row per subject, so a redelivered or
/// repeated announcement counts once.
/// </summary>
public sealed class SignalRecord : ITenantOwned
{
    public string TenantId { get; set; } = string.Empty;

    public int Kind { get; set; }

    public string SubjectId { get; set; } = string.Empty;

    public string Detail { get; set; } = string.Empty;

    public double Value { get; set; }

    public DateTime OccurredAtUtc { get; set; }

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<SignalRecord>(signal =>
    {
        signal.ToTable("signals");
        signal.HasKey(s => new { s.TenantId, s.Kind, s.SubjectId });
        signal.Property(s => s.SubjectId).HasMaxLength(100);
        signal.Property(s => s.Detail).HasMaxLength(100);
        signal.HasIndex(s => new { s.TenantId, s.Kind, s.OccurredAtUtc });
    });
}

/// <summary>An assessment of the tenant's maturity, kept whole as the contract's JSON.</summary>
public sealed class AssessmentRecord : ITenantOwned
{
    public string TenantId { get; set; } = string.Empty;

    public string AssessmentId { get; set; } = string.Empty;

    public DateTime AsOfUtc { get; set; }

    /// <summary>The MaturityAssessment message.</summary>
    public string DocumentJson { get; set; } = "{}";

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<AssessmentRecord>(assessment =>
    {
        assessment.ToTable("maturity_assessments");
        assessment.HasKey(a => new { a.TenantId, a.AssessmentId });
        assessment.Property(a => a.AssessmentId).HasMaxLength(36);
        // One assessment per moment: the quarterly job and a retry cannot write the same one twice.
        assessment.HasIndex(a => new { a.TenantId, a.AsOfUtc }).IsUnique();
    });
}

/// <summary>A self-assessment of the five capabilities; every one is kept, the latest before a moment is the one an assessment then includes.</summary>
public sealed class SelfAssessmentRecord : ITenantOwned
{
    public string TenantId { get; set; } = string.Empty;

    public DateTime AssessedAtUtc { get; set; }

    /// <summary>The CapabilitySelfAssessment message.</summary>
    public string DocumentJson { get; set; } = "{}";

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<SelfAssessmentRecord>(self =>
    {
        self.ToTable("self_assessments");
        self.HasKey(s => new { s.TenantId, s.AssessedAtUtc });
    });
}

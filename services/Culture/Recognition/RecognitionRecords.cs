using Cx.Persistence.Concurrency;
using Cx.Persistence.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Cx.Culture.Recognition;

/// <summary>A recognition: a proposal from customers until awarded or declined, or what a colleague or manager gave.</summary>
public sealed class RecognitionRecord : ITenantOwned, IVersioned
{
    public string TenantId { get; set; } = string.Empty;

    public string RecognitionId { get; set; } = string.Empty;

    /// <summary>
    /// What it was made from, unique in the tenant: "praise:&lt;feedback&gt;:&lt;recipient&gt;",
    /// "rating:&lt;response&gt;", "case:&lt;case&gt;", "given:&lt;giver&gt;:&lt;request id&gt;". A
    /// redelivered signal, or a retried request, finds the one already made.
    /// </summary>
    public string SourceKey { get; set; } = string.Empty;

    /// <summary>The contract's RecognitionSource.</summary>
    public int Source { get; set; }

    public string EmployeeId { get; set; } = string.Empty;

    public string TeamId { get; set; } = string.Empty;

    public string GiverId { get; set; } = string.Empty;

    /// <summary>"|a|b|": one containment test finds the recognitions of a value.</summary>
    public string ValueIdsKey { get; set; } = "|";

    public string Message { get; set; } = string.Empty;

    public string Link { get; set; } = string.Empty;

    public string AwardLevelId { get; set; } = string.Empty;

    public int Points { get; set; }

    public int BoostedPoints { get; set; }

    /// <summary>The CustomerEvidence message; "{}" for what people gave.</summary>
    public string EvidenceJson { get; set; } = "{}";

    public string JourneyId { get; set; } = string.Empty;

    public string JourneyStepId { get; set; } = string.Empty;

    /// <summary>The domain's RecognitionStatus.</summary>
    public int Status { get; set; }

    public bool Accepted { get; set; }

    public bool Approved { get; set; }

    /// <summary>The manager asked to approve when it was proposed; who approved once it is.</summary>
    public string ApproverId { get; set; } = string.Empty;

    public string ApprovedBy { get; set; } = string.Empty;

    /// <summary>When the customer's experience happened; when it was given, for what people gave.</summary>
    public DateTime OccurredAtUtc { get; set; }

    public DateTime ProposedAtUtc { get; set; }

    public DateTime? AwardedAtUtc { get; set; }

    public bool Hidden { get; set; }

    public string ModerationReason { get; set; } = string.Empty;

    public long Version { get; set; }

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<RecognitionRecord>(recognition =>
    {
        recognition.ToTable("recognitions");
        recognition.HasKey(r => new { r.TenantId, r.RecognitionId });
        recognition.Property(r => r.RecognitionId).HasMaxLength(36);
        recognition.Property(r => r.SourceKey).HasMaxLength(300);
        recognition.Property(r => r.EmployeeId).HasMaxLength(64);
        recognition.Property(r => r.TeamId).HasMaxLength(64);
        recognition.Property(r => r.GiverId).HasMaxLength(64);
        recognition.Property(r => r.ValueIdsKey).HasMaxLength(300);
        recognition.Property(r => r.Message).HasMaxLength(1000);
        recognition.Property(r => r.Link).HasMaxLength(500);
        recognition.Property(r => r.AwardLevelId).HasMaxLength(63);
        recognition.Property(r => r.JourneyId).HasMaxLength(100);
        recognition.Property(r => r.JourneyStepId).HasMaxLength(100);
        recognition.Property(r => r.ApproverId).HasMaxLength(64);
        recognition.Property(r => r.ApprovedBy).HasMaxLength(64);
        recognition.Property(r => r.ModerationReason).HasMaxLength(500);
        recognition.HasIndex(r => new { r.TenantId, r.SourceKey }).IsUnique();
        recognition.HasIndex(r => new { r.TenantId, r.EmployeeId, r.ProposedAtUtc });
        recognition.HasIndex(r => new { r.TenantId, r.TeamId, r.ProposedAtUtc });
        recognition.HasIndex(r => new { r.TenantId, r.Status, r.AwardedAtUtc });
    });
}

/// <summary>
/// What one person gave in one month (kudos, awards, boosts), one row with a version: two gifts at
/// once cannot both spend the last of a budget.
/// </summary>
public sealed class GivenPointsRecord : ITenantOwned, IVersioned
{
    public string TenantId { get; set; } = string.Empty;

    public string GiverId { get; set; } = string.Empty;

    /// <summary>"2026-12".</summary>
    public string Month { get; set; } = string.Empty;

    public long Points { get; set; }

    public long Version { get; set; }

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<GivenPointsRecord>(given =>
    {
        given.ToTable("given_points");
        given.HasKey(g => new { g.TenantId, g.GiverId, g.Month });
        given.Property(g => g.GiverId).HasMaxLength(64);
        given.Property(g => g.Month).HasMaxLength(7);
    });
}

/// <summary>Points a manager added to a recognition, once per request id.</summary>
public sealed class BoostRecord : ITenantOwned
{
    public string TenantId { get; set; } = string.Empty;

    public string GiverId { get; set; } = string.Empty;

    public string RequestId { get; set; } = string.Empty;

    public string RecognitionId { get; set; } = string.Empty;

    /// <summary>Whom the recognition is for, so a month's points received are one query.</summary>
    public string EmployeeId { get; set; } = string.Empty;

    public int Points { get; set; }

    public DateTime AtUtc { get; set; }

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<BoostRecord>(boost =>
    {
        boost.ToTable("boosts");
        boost.HasKey(b => new { b.TenantId, b.GiverId, b.RequestId });
        boost.Property(b => b.GiverId).HasMaxLength(64);
        boost.Property(b => b.RequestId).HasMaxLength(64);
        boost.Property(b => b.RecognitionId).HasMaxLength(36);
        boost.Property(b => b.EmployeeId).HasMaxLength(64);
        boost.HasIndex(b => new { b.TenantId, b.EmployeeId, b.AtUtc });
    });
}

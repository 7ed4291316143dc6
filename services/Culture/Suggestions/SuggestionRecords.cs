using Cx.Persistence.Concurrency;
using Cx.Persistence.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Cx.Culture.Suggestions;

/// <summary>A front-line suggestion, with what was decided and what its experiment found.</summary>
public sealed class SuggestionRecord : ITenantOwned, IVersioned
{
    public string TenantId { get; set; } = string.Empty;

    public string SuggestionId { get; set; } = string.Empty;

    public string Title { get; set; } = string.Empty;

    public string Description { get; set; } = string.Empty;

    public string JourneyId { get; set; } = string.Empty;

    public string JourneyStepId { get; set; } = string.Empty;

    public string MetricId { get; set; } = string.Empty;

    public string SubmittedBy { get; set; } = string.Empty;

    public string TeamId { get; set; } = string.Empty;

    public DateTime SubmittedAtUtc { get; set; }

    public int Votes { get; set; }

    /// <summary>The contract's SuggestionState.</summary>
    public int State { get; set; }

    public string DecidedBy { get; set; } = string.Empty;

    public string DecisionNote { get; set; } = string.Empty;

    public DateTime? DecidedAtUtc { get; set; }

    /// <summary>The SuggestionEffect message; null until an experiment that tried it concluded.</summary>
    public string? EffectJson { get; set; }

    public DateTime? EffectConcludedAtUtc { get; set; }

    /// <summary>The Governance action plan that takes it up; empty for none.</summary>
    public string ActionPlanId { get; set; } = string.Empty;

    public DateTime? PlanCompletedAtUtc { get; set; }

    public long Version { get; set; }

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<SuggestionRecord>(suggestion =>
    {
        suggestion.ToTable("suggestions");
        suggestion.HasKey(s => new { s.TenantId, s.SuggestionId });
        suggestion.Property(s => s.SuggestionId).HasMaxLength(63);
        suggestion.Property(s => s.Title).HasMaxLength(200);
        suggestion.Property(s => s.Description).HasMaxLength(2000);
        suggestion.Property(s => s.JourneyId).HasMaxLength(63);
        suggestion.Property(s => s.JourneyStepId).HasMaxLength(63);
        suggestion.Property(s => s.MetricId).HasMaxLength(63);
        suggestion.Property(s => s.SubmittedBy).HasMaxLength(64);
        suggestion.Property(s => s.TeamId).HasMaxLength(64);
        suggestion.Property(s => s.DecidedBy).HasMaxLength(64);
        suggestion.Property(s => s.DecisionNote).HasMaxLength(1000);
        suggestion.Property(s => s.ActionPlanId).HasMaxLength(63);
        suggestion.HasIndex(s => new { s.TenantId, s.SubmittedAtUtc });
        suggestion.HasIndex(s => new { s.TenantId, s.ActionPlanId });
    });
}

/// <summary>One colleague's vote for a suggestion: the key makes a second vote a no-op.</summary>
public sealed class SuggestionVoteRecord : ITenantOwned
{
    public string TenantId { get; set; } = string.Empty;

    public string SuggestionId { get; set; } = string.Empty;

    public string EmployeeId { get; set; } = string.Empty;

    public DateTime AtUtc { get; set; }

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<SuggestionVoteRecord>(vote =>
    {
        vote.ToTable("suggestion_votes");
        vote.HasKey(v => new { v.TenantId, v.SuggestionId, v.EmployeeId });
        vote.Property(v => v.SuggestionId).HasMaxLength(63);
        vote.Property(v => v.EmployeeId).HasMaxLength(64);
    });
}

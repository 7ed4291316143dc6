using Cx.Persistence.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Cx.Strategy.Initiatives;

/// <summary>An initiative, kept whole as the contract's JSON, with its rank and what finds it.</summary>
public sealed class InitiativeRecord : ITenantOwned
{
    public string TenantId { get; set; } = string.Empty;

    public string InitiativeId { get; set; } = string.Empty;

    /// <summary>The contract's TransformationStep.</summary>
    public int Step { get; set; }

    /// <summary>1 for the highest priority; 0 before the first ranking.</summary>
    public int Rank { get; set; }

    /// <summary>The experiments and action plans it covers, space-enclosed (" a b "), so one is found with a contains.</summary>
    public string ExperimentIds { get; set; } = " ";

    public string ActionPlanIds { get; set; } = " ";

    /// <summary>Set when an input changed (a driver analysis, a pain point): the job ranks the tenant's initiatives again.</summary>
    public bool RankingDue { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>The Initiative message.</summary>
    public string DocumentJson { get; set; } = "{}";

    public long Revision { get; set; }

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<InitiativeRecord>(initiative =>
    {
        initiative.ToTable("initiatives");
        initiative.HasKey(i => new { i.TenantId, i.InitiativeId });
        initiative.Property(i => i.InitiativeId).HasMaxLength(63);
        initiative.Property(i => i.ExperimentIds).HasMaxLength(1400);
        initiative.Property(i => i.ActionPlanIds).HasMaxLength(1400);
        initiative.Property(i => i.Revision).IsConcurrencyToken();
        initiative.HasIndex(i => new { i.TenantId, i.Rank });
        initiative.HasIndex(i => new { i.TenantId, i.RankingDue });
    });
}

/// <summary>A pain point as Understanding last announced it: what ranking needs of it.</summary>
public sealed class PainPointRecord : ITenantOwned
{
    public string TenantId { get; set; } = string.Empty;

    public string PainPointId { get; set; } = string.Empty;

    public string Title { get; set; } = string.Empty;

    public string JourneyId { get; set; } = string.Empty;

    public string JourneyStepId { get; set; } = string.Empty;

    /// <summary>Its metrics, space-separated.</summary>
    public string MetricIds { get; set; } = string.Empty;

    public long Mentions { get; set; }

    public bool FoundInComments { get; set; }

    public bool Confirmed { get; set; }

    public bool Dismissed { get; set; }

    /// <summary>The announcement's version: only a later one is applied.</summary>
    public long Version { get; set; }

    public DateTime AnnouncedAtUtc { get; set; }

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<PainPointRecord>(painPoint =>
    {
        painPoint.ToTable("pain_points");
        painPoint.HasKey(p => new { p.TenantId, p.PainPointId });
        painPoint.Property(p => p.PainPointId).HasMaxLength(100);
        painPoint.Property(p => p.Title).HasMaxLength(300);
        painPoint.Property(p => p.JourneyId).HasMaxLength(100);
        painPoint.Property(p => p.JourneyStepId).HasMaxLength(100);
        painPoint.Property(p => p.MetricIds).HasMaxLength(700);
    });
}

/// <summary>A driver of an outcome in the latest driver analysis Measurement announced of that outcome.</summary>
public sealed class DriverRecord : ITenantOwned
{
    public string TenantId { get; set; } = string.Empty;

    public string OutcomeMetricId { get; set; } = string.Empty;

    public string MetricId { get; set; } = string.Empty;

    public double Importance { get; set; }

    public double Gap { get; set; }

    public DateTime AnalysedAtUtc { get; set; }

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<DriverRecord>(driver =>
    {
        driver.ToTable("drivers");
        driver.HasKey(d => new { d.TenantId, d.OutcomeMetricId, d.MetricId });
        driver.Property(d => d.OutcomeMetricId).HasMaxLength(63);
        driver.Property(d => d.MetricId).HasMaxLength(63);
    });
}

/// <summary>An opportunity as Design last announced it (opportunity_identified), with the impact it ranked it at.</summary>
public sealed class OpportunityRecord : ITenantOwned
{
    public string TenantId { get; set; } = string.Empty;

    public string OpportunityId { get; set; } = string.Empty;

    public string PainPointId { get; set; } = string.Empty;

    public string SuggestionId { get; set; } = string.Empty;

    public string Title { get; set; } = string.Empty;

    public string JourneyId { get; set; } = string.Empty;

    public string JourneyStepId { get; set; } = string.Empty;

    public double ExpectedImpact { get; set; }

    public string DriverMetricId { get; set; } = string.Empty;

    public string OutcomeMetricId { get; set; } = string.Empty;

    public double Importance { get; set; }

    public double Gap { get; set; }

    public long CustomersAffected { get; set; }

    public string AffectedFrom { get; set; } = string.Empty;

    /// <summary>When Design announced it: a later announcement replaces an earlier one, never the other way.</summary>
    public DateTime IdentifiedAtUtc { get; set; }

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<OpportunityRecord>(opportunity =>
    {
        opportunity.ToTable("opportunities");
        opportunity.HasKey(o => new { o.TenantId, o.OpportunityId });
        opportunity.Property(o => o.OpportunityId).HasMaxLength(120);
        opportunity.Property(o => o.PainPointId).HasMaxLength(100);
        opportunity.Property(o => o.SuggestionId).HasMaxLength(63);
        opportunity.Property(o => o.Title).HasMaxLength(300);
        opportunity.Property(o => o.JourneyId).HasMaxLength(100);
        opportunity.Property(o => o.JourneyStepId).HasMaxLength(100);
        opportunity.Property(o => o.DriverMetricId).HasMaxLength(63);
        opportunity.Property(o => o.OutcomeMetricId).HasMaxLength(63);
        opportunity.Property(o => o.AffectedFrom).HasMaxLength(40);
    });
}

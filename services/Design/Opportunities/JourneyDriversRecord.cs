using Cx.Persistence.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Cx.Design.Opportunities;

/// <summary>
/// The latest driver analysis Measurement announced of a journey's answers (an empty journey id:
/// of all of them), per outcome: the drivers that weigh Design's opportunities.
/// </summary>
public sealed class JourneyDriversRecord : ITenantOwned
{
    public string TenantId { get; set; } = string.Empty;

    public string JourneyId { get; set; } = string.Empty;

    public string OutcomeMetricId { get; set; } = string.Empty;

    /// <summary>The analysis' drivers, as the contract's JSON.</summary>
    public string DriversJson { get; set; } = "[]";

    public long N { get; set; }

    public DateTime AnalysedAtUtc { get; set; }

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<JourneyDriversRecord>(drivers =>
    {
        drivers.ToTable("journey_drivers");
        drivers.HasKey(d => new { d.TenantId, d.JourneyId, d.OutcomeMetricId });
        drivers.Property(d => d.JourneyId).HasMaxLength(100);
        drivers.Property(d => d.OutcomeMetricId).HasMaxLength(63);
    });
}

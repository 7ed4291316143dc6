using Cx.Persistence.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Cx.Design.Opportunities;

/// <summary>A front-line suggestion Culture accepted: an opportunity at its step.</summary>
public sealed class SuggestionRecord : ITenantOwned
{
    public string TenantId { get; set; } = string.Empty;

    public string SuggestionId { get; set; } = string.Empty;

    public string JourneyId { get; set; } = string.Empty;

    public string JourneyStepId { get; set; } = string.Empty;

    public string MetricId { get; set; } = string.Empty;

    public string Title { get; set; } = string.Empty;

    public string SubmittedBy { get; set; } = string.Empty;

    public int Votes { get; set; }

    public DateTime AcceptedAtUtc { get; set; }

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<SuggestionRecord>(suggestion =>
    {
        suggestion.ToTable("frontline_suggestions");
        suggestion.HasKey(s => new { s.TenantId, s.SuggestionId });
        suggestion.Property(s => s.SuggestionId).HasMaxLength(63);
        suggestion.Property(s => s.JourneyId).HasMaxLength(63);
        suggestion.Property(s => s.JourneyStepId).HasMaxLength(63);
        suggestion.Property(s => s.MetricId).HasMaxLength(63);
        suggestion.Property(s => s.Title).HasMaxLength(200);
        suggestion.Property(s => s.SubmittedBy).HasMaxLength(64);
        suggestion.HasIndex(s => new { s.TenantId, s.JourneyId });
    });
}

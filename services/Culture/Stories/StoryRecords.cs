using Cx.Persistence.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Cx.Culture.Stories;

/// <summary>A customer story, kept whole as the contract's JSON, with the columns its list filters on.</summary>
public sealed class StoryRecord : ITenantOwned
{
    public string TenantId { get; set; } = string.Empty;

    public string StoryId { get; set; } = string.Empty;

    public string JourneyStepId { get; set; } = string.Empty;

    /// <summary>"|a|b|".</summary>
    public string ValueIdsKey { get; set; } = "|";

    /// <summary>The Story message.</summary>
    public string DocumentJson { get; set; } = "{}";

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<StoryRecord>(story =>
    {
        story.ToTable("stories");
        story.HasKey(s => new { s.TenantId, s.StoryId });
        story.Property(s => s.StoryId).HasMaxLength(63);
        story.Property(s => s.JourneyStepId).HasMaxLength(100);
        story.Property(s => s.ValueIdsKey).HasMaxLength(300);
    });
}

/// <summary>A training module, kept whole; its stories in a column too, so which stories are used in training is one query.</summary>
public sealed class TrainingModuleRecord : ITenantOwned
{
    public string TenantId { get; set; } = string.Empty;

    public string ModuleId { get; set; } = string.Empty;

    /// <summary>"|a|b|".</summary>
    public string StoryIdsKey { get; set; } = "|";

    /// <summary>The TrainingModule message.</summary>
    public string DocumentJson { get; set; } = "{}";

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<TrainingModuleRecord>(module =>
    {
        module.ToTable("training_modules");
        module.HasKey(m => new { m.TenantId, m.ModuleId });
        module.Property(m => m.ModuleId).HasMaxLength(63);
        module.Property(m => m.StoryIdsKey).HasMaxLength(1400);
    });
}

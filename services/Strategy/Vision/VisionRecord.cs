using Cx.Persistence.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Cx.Strategy.Vision;

/// <summary>One published version of the tenant's vision, kept whole as the contract's JSON.</summary>
public sealed class VisionRecord : ITenantOwned
{
    public string TenantId { get; set; } = string.Empty;

    public int Version { get; set; }

    public DateTime PublishedAtUtc { get; set; }

    /// <summary>The Vision message.</summary>
    public string DocumentJson { get; set; } = "{}";

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<VisionRecord>(vision =>
    {
        vision.ToTable("visions");
        // The key makes two publications of the same next version collide: one of them is refused.
        vision.HasKey(v => new { v.TenantId, v.Version });
    });
}

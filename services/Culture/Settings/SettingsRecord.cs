using Cx.Persistence.Concurrency;
using Cx.Persistence.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Cx.Culture.Settings;

/// <summary>The tenant's culture settings, one row, kept whole as the contract's JSON.</summary>
public sealed class SettingsRecord : ITenantOwned, IVersioned
{
    public string TenantId { get; set; } = string.Empty;

    /// <summary>The CultureSettings message without its revision.</summary>
    public string DocumentJson { get; set; } = "{}";

    public DateTime UpdatedAtUtc { get; set; }

    public string UpdatedBy { get; set; } = string.Empty;

    public long Version { get; set; }

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<SettingsRecord>(settings =>
    {
        settings.ToTable("settings");
        settings.HasKey(s => s.TenantId);
        settings.Property(s => s.UpdatedBy).HasMaxLength(200);
    });
}

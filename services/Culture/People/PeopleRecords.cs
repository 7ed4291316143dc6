using Cx.Persistence.Concurrency;
using Cx.Persistence.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Cx.Culture.People;

/// <summary>An employee, by the id responses and cases carry.</summary>
public sealed class EmployeeRecord : ITenantOwned, IVersioned
{
    public string TenantId { get; set; } = string.Empty;

    public string EmployeeId { get; set; } = string.Empty;

    public string DisplayName { get; set; } = string.Empty;

    public string TeamId { get; set; } = string.Empty;

    public string ManagerId { get; set; } = string.Empty;

    /// <summary>Null for none: a unique index lets any number of employees act through no login.</summary>
    public string? Login { get; set; }

    public bool OnBoards { get; set; }

    /// <summary>Consent given once to recognition from customers: proposals for them start accepted.</summary>
    public bool AcceptsAutomatically { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    public long Version { get; set; }

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<EmployeeRecord>(employee =>
    {
        employee.ToTable("employees");
        employee.HasKey(e => new { e.TenantId, e.EmployeeId });
        employee.Property(e => e.EmployeeId).HasMaxLength(64);
        employee.Property(e => e.DisplayName).HasMaxLength(200);
        employee.Property(e => e.TeamId).HasMaxLength(64);
        employee.Property(e => e.ManagerId).HasMaxLength(64);
        employee.Property(e => e.Login).HasMaxLength(200);
        employee.HasIndex(e => new { e.TenantId, e.Login }).IsUnique();
        employee.HasIndex(e => new { e.TenantId, e.TeamId });
    });
}

/// <summary>A team, by the id responses, cases and journeys' touchpoints carry.</summary>
public sealed class TeamRecord : ITenantOwned, IVersioned
{
    public string TenantId { get; set; } = string.Empty;

    public string TeamId { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string ManagerId { get; set; } = string.Empty;

    public bool OnBoards { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    public long Version { get; set; }

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<TeamRecord>(team =>
    {
        team.ToTable("teams");
        team.HasKey(t => new { t.TenantId, t.TeamId });
        team.Property(t => t.TeamId).HasMaxLength(64);
        team.Property(t => t.Name).HasMaxLength(200);
        team.Property(t => t.ManagerId).HasMaxLength(64);
    });
}

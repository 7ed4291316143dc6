namespace Cx.ServiceKit.Jobs;

/// <summary>
/// Work a service does on a schedule for every tenant that has some: SLA escalation, alert evaluation.
/// Resolved once per tenant in a scope acting for that tenant, by <see cref="PeriodicTenantJob{TJob}"/>.
/// </summary>
public interface ITenantJob
{
    /// <summary>
    /// The tenants with work at <paramref name="now"/>. The one read across tenants a job makes (its
    /// scope has no tenant, so it reads with the tenant filter off), and only to learn which tenants.
    /// </summary>
    Task<IReadOnlyList<string>> TenantsWithWorkAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Does the scope's tenant's work due at <paramref name="now"/>; returns how many things it did.</summary>
    Task<int> RunAsync(DateTimeOffset now, CancellationToken cancellationToken);
}

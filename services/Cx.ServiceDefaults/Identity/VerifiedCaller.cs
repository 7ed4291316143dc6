namespace Cx.ServiceDefaults.Identity;

/// <summary>
/// Who a call comes from, as a signed identity token says and this service has checked: the issuer
/// that vouches for it (the gateway, or a peer service acting for a tenant), the tenant, the actor
/// the audit trail records, and what the caller may do.
/// </summary>
public sealed record VerifiedCaller(string Issuer, string Tenant, string Actor, IReadOnlyList<string> Permissions, DateTimeOffset ExpiresAt);

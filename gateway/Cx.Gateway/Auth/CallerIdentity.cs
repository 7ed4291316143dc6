using System.Security.Claims;

namespace Cx.Gateway.Auth;

/// <summary>
/// What every authentication scheme establishes about a caller, in the same claims: the tenant it
/// acts for, who it is (for audit trails), what it may do, and the bucket its rate limit counts in.
/// </summary>
internal static class CallerIdentity
{
    public const string TenantClaim = "cx:tenant";
    public const string ActorClaim = "cx:actor";
    public const string PermissionClaim = "cx:permission";

    /// <summary>The credential a rate limit counts against: an API key id, or a JWT subject.</summary>
    public const string CredentialClaim = "cx:credential";

    public static ClaimsPrincipal Create(string scheme, string tenant, string actor, string credential, IEnumerable<string> permissions)
    {
        var claims = new List<Claim>
        {
            new(TenantClaim, tenant),
            new(ActorClaim, actor),
            new(CredentialClaim, credential),
        };
        claims.AddRange(permissions.Select(p => new Claim(PermissionClaim, p)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ActorClaim, null));
    }

    public static string? Tenant(ClaimsPrincipal user) => user.FindFirst(TenantClaim)?.Value;

    public static string? Actor(ClaimsPrincipal user) => user.FindFirst(ActorClaim)?.Value;

    public static string? Credential(ClaimsPrincipal user) => user.FindFirst(CredentialClaim)?.Value;

    public static IEnumerable<string> PermissionsOf(ClaimsPrincipal user) => user.FindAll(PermissionClaim).Select(c => c.Value);
}

using System.Text.Encodings.Web;
using Cx.Gateway.Keys;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cx.Gateway.Auth;

/// <summary>
/// Authenticates <c>x-api-key: cxk_…</c> or <c>Authorization: Bearer cxk_…</c> against the stored hash.
/// Each way a key can be wrong fails with its own reason, which the caller sees.
/// </summary>
internal sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyDirectory directory,
    TimeProvider clock) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "x-api-key";

    /// <summary>The key a request presents, from either header, or null.</summary>
    public static string? Presented(HttpRequest request)
    {
        if (request.Headers.TryGetValue(Header, out var key) && key.Count > 0)
        {
            return key[0];
        }

        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer " + ApiKeySecret.Prefix, StringComparison.Ordinal) ? authorization["Bearer ".Length..].Trim() : null;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Presented(Request);
        if (presented is null)
        {
            return AuthenticateResult.NoResult();
        }

        if (!ApiKeySecret.TryParse(presented, out var keyId, out var secret))
        {
            return AuthenticateResult.Fail("The API key is malformed: keys look like cxk_<id>_<secret>.");
        }

        var grant = await directory.FindAsync(keyId, Context.RequestAborted);
        if (grant is null || !ApiKeySecret.Matches(secret, grant.SecretHash))
        {
            return AuthenticateResult.Fail("The API key is not known.");
        }

        if (grant.RevokedAtUtc is not null)
        {
            return AuthenticateResult.Fail($"The API key {keyId} was revoked.");
        }

        if (grant.ExpiresAtUtc is { } expires && expires <= clock.GetUtcNow().UtcDateTime)
        {
            return AuthenticateResult.Fail($"The API key {keyId} expired.");
        }

        var principal = CallerIdentity.Create(SchemeName, grant.Tenant, "key:" + grant.KeyId, "key:" + grant.KeyId, grant.Permissions);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }
}

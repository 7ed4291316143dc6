using System.Text.Encodings.Web;
using Cx.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cx.Gateway.Auth;

/// <summary>
/// Development mode only (`cx up --dev`): a call without a credential acts with every permission,
/// for the tenant in its x-cx-tenant header or the development tenant. Never registered otherwise.
/// </summary>
internal sealed class DevAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    GatewaySettings settings) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Dev";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var asked = Request.Headers[TenantId.MetadataKey].ToString();
        if (asked.Length > 0 && !TenantId.IsValid(asked))
        {
            return Task.FromResult(AuthenticateResult.Fail($"'{asked}' is not a tenant id: {TenantId.Rule}."));
        }

        var tenant = asked.Length > 0 ? asked : settings.DevTenant;
        var principal = CallerIdentity.Create(SchemeName, tenant, "dev", "dev:" + tenant, [Permissions.Wildcard + ":admin"]);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }
}

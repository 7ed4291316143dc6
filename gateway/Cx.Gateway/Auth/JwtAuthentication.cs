using System.Security.Cryptography;
using Cx.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace Cx.Gateway.Auth;

/// <summary>
/// JWT bearer tokens from the organisation's identity provider: issuer, audience and signing keys
/// come from configuration; the tenant and permissions from the token's claims.
/// </summary>
internal static class JwtAuthentication
{
    public const string Scheme = JwtBearerDefaults.AuthenticationScheme;

    /// <summary>
    /// What every refused token is told. The validation library's own messages name the valid
    /// issuer and the signing key's thumbprint, enough to test guessed keys offline: they go to the
    /// log at debug level instead.
    /// </summary>
    public const string Refused = "The bearer token is not valid: its signature, issuer, audience or lifetime was refused.";

    public static void Configure(JwtBearerOptions options, JwtSettings settings)
    {
        options.MapInboundClaims = false;
        options.IncludeErrorDetails = false;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = settings.Issuer,
            ValidAudience = settings.Audience,
            IssuerSigningKeys = settings.SigningKeys.Select(SigningKey).ToArray(),
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = TimeSpan.FromSeconds(30),
        };
        options.Events = new JwtBearerEvents
        {
            OnAuthenticationFailed = context =>
            {
                context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(JwtAuthentication))
                    .LogDebug(context.Exception, "A bearer token was refused");
                context.Fail(Refused);
                return Task.CompletedTask;
            },
            OnTokenValidated = context =>
            {
                var principal = context.Principal!;
                var tenant = principal.FindFirst(settings.TenantClaim)?.Value;
                if (!TenantId.IsValid(tenant))
                {
                    context.Fail($"The token's {settings.TenantClaim} claim must name a tenant ({TenantId.Rule}).");
                    return Task.CompletedTask;
                }

                var subject = principal.FindFirst("sub")?.Value ?? "unknown";
                var permissions = principal.FindAll(settings.PermissionsClaim)
                    .SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
                context.Principal = CallerIdentity.Create(Scheme, tenant!, "jwt:" + subject, "jwt:" + subject, permissions);
                return Task.CompletedTask;
            },
        };
    }

    /// <summary>A PEM public key (RSA or EC), or else a base64 symmetric key.</summary>
    private static SecurityKey SigningKey(string configured, int index)
    {
        if (configured.Contains("-----BEGIN", StringComparison.Ordinal))
        {
            try
            {
                var rsa = RSA.Create();
                rsa.ImportFromPem(configured);
                return new RsaSecurityKey(rsa) { KeyId = "key" + index };
            }
            catch (ArgumentException)
            {
                var ec = ECDsa.Create();
                ec.ImportFromPem(configured);
                return new ECDsaSecurityKey(ec) { KeyId = "key" + index };
            }
        }

        var bytes = Convert.FromBase64String(configured);
        if (bytes.Length < 32)
        {
            throw new InvalidOperationException($"Cx:Gateway:Jwt:SigningKeys:{index} is a symmetric key shorter than 256 bits.");
        }

        return new SymmetricSecurityKey(bytes);
    }
}

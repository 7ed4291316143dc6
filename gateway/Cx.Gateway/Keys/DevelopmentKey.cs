using Cx.Persistence.Hosting;
using Cx.Gateway.Data;
using Cx.ServiceDefaults.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace Cx.Gateway.Keys;

/// <summary>
/// The key `cx up --dev` prints: every permission in the development tenant, kept in the gateway's
/// data directory so it survives restarts. Development only: a real deployment creates its keys
/// with `cx keys create` or the API.
/// </summary>
internal static class DevelopmentKey
{
    public const string FileName = "dev-key";

    public static async Task<string> EnsureAsync(IServiceProvider services, string directory, CancellationToken cancellationToken)
    {
        var settings = services.GetRequiredService<GatewaySettings>();
        var path = Path.Combine(directory, FileName);
        if (File.Exists(path))
        {
            var stored = (await File.ReadAllTextAsync(path, cancellationToken)).Trim();
            if (ApiKeySecret.TryParse(stored, out var keyId, out var secret)
                && await services.GetRequiredService<ApiKeyDirectory>().FindAsync(keyId, cancellationToken) is { RevokedAtUtc: null } grant
                && grant.Tenant == settings.DevTenant
                && ApiKeySecret.Matches(secret, grant.SecretHash))
            {
                return stored;
            }
        }

        await using var scope = services.CreateTenantScope(settings.DevTenant);
        var issuer = scope.ServiceProvider.GetRequiredService<ApiKeyIssuer>();
        var (_, key) = await issuer.CreateAsync("development", [Permissions.Wildcard + ":admin"], null, "operator", cancellationToken);
        PrivateFiles.Directory(directory);
        await File.WriteAllTextAsync(path, key + Environment.NewLine, cancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return key;
    }
}

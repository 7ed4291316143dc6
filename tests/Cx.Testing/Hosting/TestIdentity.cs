using Cx.ServiceDefaults.Identity;
using Grpc.Core;

namespace Cx.Testing.Hosting;

/// <summary>
/// The tests' side of the identity model: one key directory for the test process, with a key pair
/// per issuer, and tokens signed with the gateway's key, as the gateway would forward a caller.
/// </summary>
public static class TestIdentity
{
    /// <summary>Every issuer the tests sign as: the gateway, and the services that call peers.</summary>
    public static readonly IReadOnlyList<string> Issuers = ["gateway", "platform", "measurement", "governance", "understanding", "design", "strategy", "probe"];

    private static readonly Lazy<string> Keys = new(() =>
    {
        var directory = Path.Combine(Directory.CreateTempSubdirectory("cx-identity-").FullName, "identity");
        IdentityKeyFiles.Ensure(directory, Issuers);
        return directory;
    });

    /// <summary>The key directory every test host is given (Cx:Identity:KeyDirectory).</summary>
    public static string KeyDirectory => Keys.Value;

    /// <summary>A token for a call to <paramref name="audience"/> as <paramref name="actor"/> of <paramref name="tenant"/>, signed by <paramref name="issuer"/> from <paramref name="keyDirectory"/>.</summary>
    public static string Token(string audience, string tenant, string actor = "tester", IReadOnlyCollection<string>? permissions = null, string issuer = IdentitySettings.Gateway, string? keyDirectory = null, TimeSpan? lifetime = null, DateTimeOffset? now = null)
    {
        using var key = IdentityKeyFiles.LoadPrivateKey(keyDirectory ?? KeyDirectory, issuer);
        return IdentityToken.Create(key, issuer, audience, tenant, actor, permissions ?? ["*:admin"], now ?? DateTimeOffset.UtcNow, lifetime ?? TimeSpan.FromMinutes(5));
    }

    /// <summary>Metadata for a call to <paramref name="audience"/> for <paramref name="tenant"/>, as the gateway forwards one.</summary>
    public static Metadata For(string audience, string tenant, string actor = "tester", IReadOnlyCollection<string>? permissions = null, string? keyDirectory = null) =>
        new() { { IdentityToken.MetadataKey, Token(audience, tenant, actor, permissions, keyDirectory: keyDirectory) } };
}

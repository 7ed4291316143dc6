using Cx.Host.Launch;
using Cx.ServiceDefaults.Identity;

namespace Cx.Host.Catalog;

/// <summary>
/// Who signs and who is believed, from the catalog: every service has a key pair; a service trusts
/// the gateway and the services that declare it as a peer, nobody else. `cx up`, `cx run`,
/// tye.yaml, dapr.yaml and the chart all take it from here.
/// </summary>
internal static class IdentityTrust
{
    /// <summary>The key directory's name inside a data directory.</summary>
    public const string DirectoryName = "identity";

    private static readonly Lazy<IReadOnlyDictionary<string, string>> Trusted = new(() =>
    {
        var peers = ServiceCatalog.All.ToDictionary(s => s.Name, s => ServiceTraits.Of(s).Peers.Select(p => p.Service).ToArray());
        return ServiceCatalog.All.ToDictionary(
            s => s.Name,
            s => string.Join(',', new[] { IdentitySettings.Gateway }.Concat(peers.Where(p => p.Value.Contains(s.Name)).Select(p => p.Key)).Distinct()));
    });

    /// <summary>The value of <c>Cx:Identity:TrustedIssuers</c> for <paramref name="service"/>, e.g. "gateway,governance".</summary>
    public static string TrustedIssuersOf(string service) => Trusted.Value[service];

    /// <summary>Makes the key pairs a data directory lacks; returns the key directory.</summary>
    public static string EnsureKeys(string dataDirectory)
    {
        var directory = Path.Combine(Path.GetFullPath(dataDirectory), DirectoryName);
        IdentityKeyFiles.Ensure(directory, ServiceCatalog.All.Select(s => s.Name));
        return directory;
    }
}

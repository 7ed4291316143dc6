using Cx.Host.Launch;
using Cx.ServiceDefaults.Hosting;
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

    private static readonly Lazy<IReadOnlyList<(string Name, IReadOnlyList<CxPeer> Peers)>> Catalog = new(() =>
        [.. ServiceCatalog.All.Select(s => (s.Name, ServiceTraits.Of(s).Peers))]);

    /// <summary>The value of <c>Cx:Identity:TrustedIssuers</c> for a service of the catalog, e.g. "gateway,governance".</summary>
    public static string TrustedIssuersOf(string service) => TrustedIssuers(service, Catalog.Value);

    /// <summary>The same among <paramref name="services"/>, each with the peers its module declares.</summary>
    public static string TrustedIssuers(string service, IEnumerable<(string Name, IReadOnlyList<CxPeer> Peers)> services) =>
        string.Join(',', services.Where(s => s.Peers.Any(p => p.Service == service)).Select(s => s.Name).Prepend(IdentitySettings.Gateway).Distinct());

    /// <summary>Makes the key pairs a data directory lacks; returns the key directory.</summary>
    public static string EnsureKeys(string dataDirectory)
    {
        var directory = Path.Combine(Path.GetFullPath(dataDirectory), DirectoryName);
        IdentityKeyFiles.Ensure(directory, ServiceCatalog.All.Select(s => s.Name));
        return directory;
    }
}

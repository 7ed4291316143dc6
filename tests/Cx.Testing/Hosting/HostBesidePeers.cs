namespace Cx.Testing.Hosting;

/// <summary>
/// A service host beside the real peers it calls, as the catalog runs them: the peers start first,
/// in the order given, each told where the ones before it answer; every one of them trusts the
/// tokens of the others, and the host is told where each answers.
/// </summary>
public class HostBesidePeers<THost> : IAsyncLifetime
    where THost : ServiceHost
{
    private readonly (string Name, ServiceHost Host)[] _peers;

    public HostBesidePeers(THost host, params (string Name, ServiceHost Host)[] peers)
    {
        ArgumentNullException.ThrowIfNull(peers);
        Host = host;
        _peers = peers;
    }

    public THost Host { get; }

    /// <summary>The peer started under <paramref name="name"/>.</summary>
    public ServiceHost PeerNamed(string name) => _peers.Single(p => p.Name == name).Host;

    public async Task InitializeAsync()
    {
        var issuers = string.Join(",", new[] { "gateway", Host.Name }.Concat(_peers.Select(p => p.Host.Name)).Distinct());
        var started = new List<(string Name, ServiceHost Host)>();
        foreach (var (name, peer) in _peers)
        {
            peer.Settings["Cx:Identity:TrustedIssuers"] = issuers;
            TellWhereTheyAnswer(peer, started);
            await peer.InitializeAsync();
            started.Add((name, peer));
        }

        TellWhereTheyAnswer(Host, started);
        await Host.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        foreach (var (_, peer) in _peers.Reverse())
        {
            await peer.DisposeAsync();
        }
    }

    private static void TellWhereTheyAnswer(ServiceHost host, IEnumerable<(string Name, ServiceHost Host)> peers)
    {
        foreach (var (name, peer) in peers)
        {
            host.Settings[$"Cx:Peers:{name}"] = "http://" + peer.Endpoints.GrpcAddress;
        }
    }
}

/// <summary>A service host beside the one real peer it calls.</summary>
public class HostBesidePeer<THost>(THost host, ServiceHost peer, string peerName) : HostBesidePeers<THost>(host, (peerName, peer))
    where THost : ServiceHost
{
    public ServiceHost Peer { get; } = peer;
}

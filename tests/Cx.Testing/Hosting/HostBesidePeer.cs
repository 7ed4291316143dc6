namespace Cx.Testing.Hosting;

/// <summary>
/// A service host beside a real peer it calls, as the catalog runs them: the peer starts first and
/// trusts the host's tokens, and the host is told where the peer answers.
/// </summary>
public class HostBesidePeer<THost>(THost host, ServiceHost peer, string peerName) : IAsyncLifetime
    where THost : ServiceHost
{
    public THost Host { get; } = host;

    public ServiceHost Peer { get; } = peer;

    public async Task InitializeAsync()
    {
        Peer.Settings["Cx:Identity:TrustedIssuers"] = "gateway," + Host.Name;
        await Peer.InitializeAsync();
        Host.Settings[$"Cx:Peers:{peerName}"] = "http://" + Peer.Endpoints.GrpcAddress;
        await Host.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Peer.DisposeAsync();
    }
}

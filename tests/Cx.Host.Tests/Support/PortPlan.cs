namespace Cx.Host.Tests.Support;

/// <summary>Ports for a `cx up` that runs as its own process, where the test cannot ask for port 0.</summary>
internal static class PortPlan
{
    /// <summary>
    /// A base port whose whole plan (every service's gRPC and HTTP port) is free. It is taken below
    /// Linux's ephemeral range (32768 and up), where the system hands out the local ports of
    /// outgoing connections: a plan there can be taken by any connection between the check and the bind.
    /// </summary>
    public static int Free()
    {
        var span = 10 * (Cx.Host.Launch.ServiceCatalog.All.Max(s => s.Slot) + 1);
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(20_000, 32_000 - span);
            var plan = Cx.Host.Launch.ServiceCatalog.All.Select(s => Cx.Host.Launch.ServiceCatalog.PortsFor(s, port)).SelectMany(p => new[] { p.Grpc, p.Http });
            if (plan.All(CxProcess.IsFree))
            {
                return port;
            }
        }

        throw new InvalidOperationException("No free port plan was found.");
    }
}

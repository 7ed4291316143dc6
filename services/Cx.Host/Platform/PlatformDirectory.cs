namespace Cx.Host.Platform;

/// <summary>
/// What this deployment runs, shared by the host with the platform service. Filled once every
/// service listens, because only then are the ports (possibly chosen by the system) known.
/// </summary>
public sealed class PlatformDirectory(string version, string backend, DateTimeOffset startedAt)
{
    private IReadOnlyList<RunningService> _services = [];

    public string Version { get; } = version;

    public string Backend { get; } = backend;

    public DateTimeOffset StartedAt { get; } = startedAt;

    /// <summary>The running services, ordered by name.</summary>
    public IReadOnlyList<RunningService> Services => Volatile.Read(ref _services);

    public void Publish(IEnumerable<RunningService> services) =>
        Volatile.Write(ref _services, services.OrderBy(s => s.Name, StringComparer.Ordinal).ToArray());
}

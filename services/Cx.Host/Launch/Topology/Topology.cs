using System.Globalization;
using System.Text.RegularExpressions;

namespace Cx.Host.Launch.Topology;

/// <summary>What a topology entry runs: a .NET project, an executable, or a container image.</summary>
internal enum TopologyKind
{
    Project,
    Executable,
    Image,
}

/// <summary>A port a service provides (tye's <c>bindings</c>).</summary>
internal sealed record TopologyBinding(string? Name, int Port, string Protocol);

/// <summary>An HTTP probe (tye's <c>readiness.http</c>): on the binding with <see cref="Port"/>, else the first one.</summary>
internal sealed record TopologyProbe(string Path, int? Port);

/// <summary>One service of a topology file, as its entry defines it.</summary>
internal sealed record TopologyService(
    string Name,
    TopologyKind Kind,
    string Target,
    IReadOnlyList<string> Args,
    IReadOnlyList<KeyValuePair<string, string>> Environment,
    IReadOnlyList<TopologyBinding> Bindings,
    TopologyProbe? Readiness,
    string? WorkingDirectory)
{
    /// <summary>The value the entry gives an environment variable, or null.</summary>
    public string? Env(string name) => Environment.LastOrDefault(e => e.Key == name).Value;

    /// <summary>The binding the readiness probe is sent to, as tye picks it: by port, else the first.</summary>
    public TopologyBinding? ProbedBinding =>
        Readiness is null ? null
        : Readiness.Port is { } port ? Bindings.FirstOrDefault(b => b.Port == port)
        : Bindings.Count > 0 ? Bindings[0] : null;

    public TopologyService WithEnv(string name, string value) =>
        this with { Environment = [.. Environment.Where(e => e.Key != name), new(name, value)] };
}

/// <summary>
/// A multi-process topology read from tye.yaml: the services with their commands, arguments,
/// environment, bindings and readiness probes, in file order. `cx run` starts it; the topology
/// tests start the same entries, so the file is what runs.
/// </summary>
internal sealed partial record Topology(string Name, string Directory, IReadOnlyList<TopologyService> Services)
{
    public TopologyService this[string name] =>
        Services.FirstOrDefault(s => s.Name == name) ?? throw new KeyNotFoundException($"The topology has no service named '{name}' (it has {string.Join(", ", Services.Select(s => s.Name))}).");

    /// <summary>Every entry but the ones named: services the caller runs some other way.</summary>
    public Topology Without(IEnumerable<string> names)
    {
        var skipped = names.ToHashSet(StringComparer.Ordinal);
        foreach (var name in skipped)
        {
            _ = this[name];
        }

        return this with { Services = [.. Services.Where(s => !skipped.Contains(s.Name))] };
    }

    /// <summary>Sets an environment variable on every service the predicate picks, over what the file says.</summary>
    public Topology WithEnv(Func<TopologyService, bool> which, string name, string value) =>
        this with { Services = [.. Services.Select(s => which(s) ? s.WithEnv(name, value) : s)] };

    /// <summary>
    /// Moves ports: each binding whose port is a key of <paramref name="moves"/> gets the new port,
    /// and so does every place an entry names that port as an address: an environment value or an
    /// argument that is the port, or ends in <c>:port</c> (optionally followed by a path), like
    /// <c>7140</c>, <c>127.0.0.1:6379</c> or <c>http://127.0.0.1:7141/</c>. The file's addresses
    /// therefore stay consistent: a service and those that call it move together.
    /// </summary>
    public Topology MovePorts(IReadOnlyDictionary<int, int> moves)
    {
        ArgumentNullException.ThrowIfNull(moves);
        string Move(string value) => PortReference().Replace(value, match =>
            moves.TryGetValue(int.Parse(match.Value, CultureInfo.InvariantCulture), out var moved) ? moved.ToString(CultureInfo.InvariantCulture) : match.Value);
        int MovePort(int port) => moves.TryGetValue(port, out var moved) ? moved : port;

        return this with
        {
            Services =
            [
                .. Services.Select(s => s with
                {
                    Args = [.. s.Args.Select(Move)],
                    Environment = [.. s.Environment.Select(e => new KeyValuePair<string, string>(e.Key, Move(e.Value)))],
                    Bindings = [.. s.Bindings.Select(b => b with { Port = MovePort(b.Port) })],
                    Readiness = s.Readiness is { Port: { } port } probe ? probe with { Port = MovePort(port) } : s.Readiness,
                }),
            ],
        };
    }

    /// <summary>Shifts every binding's port by <paramref name="offset"/>, with the addresses that name it.</summary>
    public Topology OffsetPorts(int offset) =>
        offset == 0 ? this : MovePorts(Services.SelectMany(s => s.Bindings).Select(b => b.Port).Distinct().ToDictionary(p => p, p => p + offset));

    // A port number standing alone, or after a colon, and then the end or a path: never part of a longer number or a word.
    [GeneratedRegex(@"(?<=^|:)\d{1,5}(?=$|/)", RegexOptions.CultureInvariant)]
    private static partial Regex PortReference();
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Cx.Host.Launch.Topology;
using Cx.Testing.Processes;
using Cx.Testing.Servers;
using Grpc.Net.Client;
using StackExchange.Redis;

namespace Cx.Chaos;

/// <summary>A process to kill: a service of the topology, or Redis; Redis either keeps its data or comes back empty.</summary>
public sealed record Victim(string Service, bool Empty = false)
{
    public override string ToString() => Empty ? Service + " (empty)" : Service;
}

/// <summary>One kill and what it took to be back: from SIGKILL until the process answered again.</summary>
public sealed record Restart(Victim Victim, DateTime KilledAtUtc, TimeSpan KillToReady);

/// <summary>
/// tye.yaml's topology, every entry a process of its own, Redis included, so that any of them can
/// be killed: free ports instead of the port plan (moved with every address naming them), a
/// PostgreSQL of its own, Redis on an append-only file in a folder of its own (so it can come back
/// with its data, or be emptied), and crashed consumers' deliveries claimed after a few seconds
/// rather than the production thirty.
/// </summary>
public sealed class ChaosTopology : IAsyncDisposable
{
    public const string Redis = "redis";

    /// <summary>How soon deliveries a killed consumer left unacknowledged go to its successor.</summary>
    public const int VisibilityTimeoutSeconds = 3;

    private const int KeptLines = 400;

    private readonly ConcurrentQueue<string> _recent = new();
    private readonly ConcurrentDictionary<string, int> _recreated = new(StringComparer.Ordinal);
    private readonly PostgreSqlServer _postgreSql;
    private readonly string _redisData;
    private readonly TextWriter? _log;
    private TopologyRunner? _runner;
    private int _restarts;

    private ChaosTopology(PostgreSqlServer postgreSql, string redisData, TextWriter? log)
    {
        _postgreSql = postgreSql;
        _redisData = redisData;
        _log = log;
    }

    /// <summary>The services of the platform (not Redis), in the file's order.</summary>
    public IReadOnlyList<string> Services { get; private set; } = [];

    public string RedisConfiguration { get; private set; } = string.Empty;

    /// <summary>Processes started again after a kill (more than the kills when one died again before it was ready).</summary>
    public int Restarts => _restarts;

    internal Topology Topology => Runner.Topology;

    private TopologyRunner Runner => _runner ?? throw new InvalidOperationException("The topology has not started.");

    /// <param name="tyeFile">The topology file to run (the repository's tye.yaml).</param>
    /// <param name="log">Where every line the processes write goes, prefixed with their name; none by default.</param>
    public static async Task<ChaosTopology> StartAsync(string tyeFile, TextWriter? log = null)
    {
        var postgreSql = new PostgreSqlServer();
        await postgreSql.InitializeAsync();
        var topology = new ChaosTopology(postgreSql, Directory.CreateTempSubdirectory("cx-chaos-redis-").FullName, log);
        try
        {
            await topology.StartAsync(tyeFile);
            return topology;
        }
        catch
        {
            await topology.DisposeAsync();
            throw;
        }
    }

    private async Task StartAsync(string tyeFile)
    {
        var database = await _postgreSql.CreateDatabaseAsync("cx");
        var file = TyeFile.Load(tyeFile);
        var ports = file.Services.SelectMany(s => s.Bindings).Select(b => b.Port).Distinct().ToList();
        var free = CxProcess.FreePorts(ports.Count);
        var topology = file.MovePorts(ports.ToDictionary(port => port, _ => free.Dequeue()))
            .WithEnv(_ => true, "OTEL_SDK_DISABLED", "true")
            .WithEnv(s => s.Env("Cx__Eventing__Redis__Configuration") is not null, "Cx__Eventing__Redis__VisibilityTimeoutSeconds", VisibilityTimeoutSeconds.ToString(CultureInfo.InvariantCulture));
        foreach (var key in topology.Services.SelectMany(s => s.Environment).Select(e => e.Key).Where(k => k.StartsWith("ConnectionStrings__", StringComparison.Ordinal)).Distinct().ToList())
        {
            topology = topology.WithEnv(s => s.Env(key) is not null, key, database);
        }

        // Durable as production's Redis will be (an fsync a second), in a folder the test owns, so a
        // kill keeps what was synced and a deletion empties it.
        var redis = topology[Redis];
        var args = WithOption(WithOption(WithOption(redis.Args, "--appendonly", "yes"), "--appendfsync", "everysec"), "--dir", _redisData);
        topology = topology with { Services = [.. topology.Services.Select(s => s.Name == Redis ? s with { Args = args } : s)] };

        Services = [.. topology.Services.Select(s => s.Name).Where(n => n != Redis)];
        RedisConfiguration = $"127.0.0.1:{topology[Redis].Bindings.Single().Port}";
        _runner = new TopologyRunner(topology, new TopologyRunnerOptions
        {
            Output = Collect,

            // Four processes start, migrate and compile at once on what may be a slow two-core machine.
            ReadinessTimeout = TimeSpan.FromMinutes(3),
        });

        // Redis first and answering, so no service starts against a closed port.
        _runner.Start(Redis);
        await RedisAnswersAsync(TimeSpan.FromSeconds(30));
        foreach (var service in Services)
        {
            _runner.Start(service);
        }

        try
        {
            await _runner.WaitAllReadyAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            throw new InvalidOperationException(e.Message + "\n" + RecentOutput(), e);
        }
    }

    /// <summary>
    /// A channel to the gateway's gRPC port, where callers reach the platform. It tries to reconnect
    /// at least every second: the default backoff grows to minutes, and a client still waiting it
    /// out would send nothing to a gateway long back.
    /// </summary>
    public GrpcChannel GatewayChannel() =>
        GrpcChannel.ForAddress(
            $"http://127.0.0.1:{Topology["cx-gateway"].Bindings.Single(b => b.Name == "grpc").Port}",
            new GrpcChannelOptions { InitialReconnectBackoff = TimeSpan.FromMilliseconds(200), MaxReconnectBackoff = TimeSpan.FromSeconds(1) });

    /// <summary>An API key for the tenant with every permission, made as an operator would: `cx keys create` with the gateway's environment.</summary>
    public async Task<string> CreateApiKeyAsync(string tenant)
    {
        await using var process = CxProcess.Start(
            typeof(TopologyRunner).Assembly.Location,
            ["keys", "create", "--tenant", tenant, "--name", "chaos", "--permission", "*:admin"],
            Topology["cx-gateway"].Environment.ToDictionary());
        var exit = await process.WaitForExitAsync(TimeSpan.FromMinutes(2));
        var key = process.Output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("cxk_", StringComparison.Ordinal));
        return exit == 0 && key is not null ? key : throw new InvalidOperationException("cx keys create failed:\n" + process.Output);
    }

    /// <summary>
    /// Kills the victim with SIGKILL, as a crash would, and waits until it is back. Redis killed
    /// empty loses its files while it is down: it comes back as a new server would, with no streams
    /// and no groups.
    /// </summary>
    public async Task<Restart> KillAsync(Victim victim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(victim);
        var killedAt = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        await Runner.KillAsync(victim.Service);
        if (victim.Empty)
        {
            foreach (var entry in new DirectoryInfo(_redisData).EnumerateFileSystemInfos())
            {
                if (entry is DirectoryInfo folder)
                {
                    folder.Delete(recursive: true);
                }
                else
                {
                    entry.Delete();
                }
            }
        }

        await RestartAsync(victim.Service, cancellationToken);
        return new Restart(victim, killedAt, clock.Elapsed);
    }

    /// <summary>
    /// Brings a killed process back from its entry and waits until it answers; one that dies again
    /// before it is ready (it may start while Redis is down) is started again. The one place that
    /// restarts: once the topology runner supervises its processes, this waits for its restart instead.
    /// </summary>
    private async Task RestartAsync(string service, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            Runner.Start(service);
            Interlocked.Increment(ref _restarts);
            try
            {
                await Runner.WaitReadyAsync(service, cancellationToken);
                break;
            }
            catch (InvalidOperationException e) when (attempt < 3 && Runner[service].Exited.IsCompleted)
            {
                Collect(service, "died before it was ready, started again: " + e.Message);
            }
        }

        if (service == Redis)
        {
            await RedisAnswersAsync(TimeSpan.FromMinutes(1));
        }
    }

    /// <summary>Until Redis answers a PING, past LOADING when it reads its append-only file back.</summary>
    private async Task RedisAnswersAsync(TimeSpan atMost)
    {
        var deadline = DateTime.UtcNow + atMost;
        while (true)
        {
            try
            {
                await using var redis = await ConnectionMultiplexer.ConnectAsync(RedisConfiguration + ",connectTimeout=1000");
                await redis.GetDatabase().PingAsync();
                return;
            }
            catch (RedisException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>How many lines the services wrote that contain the text, per service, since the start.</summary>
    public IReadOnlyDictionary<string, int> RecreatedGroupLines => _recreated;

    /// <summary>The last lines the processes wrote, to explain a failure.</summary>
    public string RecentOutput() => string.Join('\n', _recent);

    private void Collect(string service, string line)
    {
        var prefixed = $"[{service}] {line}";
        _recent.Enqueue(prefixed);
        while (_recent.Count > KeptLines && _recent.TryDequeue(out _))
        {
        }

        // Services say so when they find a consumer group gone and make it again.
        if (line.Contains("re-created", StringComparison.OrdinalIgnoreCase))
        {
            _recreated.AddOrUpdate(service, 1, (_, n) => n + 1);
        }

        if (_log is not null)
        {
            lock (_log)
            {
                _log.WriteLine(prefixed);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_runner is not null)
        {
            await _runner.DisposeAsync();
            _runner = null;
        }

        await _postgreSql.DisposeAsync();
        if (Directory.Exists(_redisData))
        {
            Directory.Delete(_redisData, recursive: true);
        }
    }

    /// <summary>The arguments with the option set to the value: replaced where given, added where not.</summary>
    private static List<string> WithOption(IReadOnlyList<string> args, string option, string value)
    {
        var result = args.ToList();
        var at = result.IndexOf(option);
        if (at >= 0 && at + 1 < result.Count)
        {
            result[at + 1] = value;
        }
        else
        {
            result.AddRange([option, value]);
        }

        return result;
    }
}

using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Cx.Host.Launch.Topology;
using Cx.Topology.Tests.Otlp;
using Grpc.Net.Client;

namespace Cx.Topology.Tests.Support;

/// <summary>
/// The platform as tye.yaml defines it, every service a process of its own started from its entry
/// by the same code as `cx run`, beside a real redis-server and a real PostgreSQL of the test's own
/// and an OTLP receiver. Only what must differ on a test machine is changed: free ports instead of
/// the port plan (moved together with every address that names them), the throwaway servers, the
/// telemetry endpoint and its export delay, and how soon a crashed consumer's deliveries are claimed.
/// </summary>
public sealed class TopologyFixture : IAsyncLifetime, IAsyncDisposable
{
    /// <summary>How soon deliveries a killed governance left unacknowledged go to its successor.</summary>
    public const int VisibilityTimeoutSeconds = 3;

    private readonly ConcurrentQueue<string> _output = new();
    private TopologyRunner? _runner;
    private int _disposed;
    private OtlpReceiver? _telemetry;

    public RedisServer Redis { get; } = new();

    public PostgreSqlServer PostgreSql { get; } = new();

    public OtlpReceiver Telemetry => _telemetry ?? throw new InvalidOperationException("The fixture has not started.");

    internal TopologyRunner Runner => _runner!;

    /// <summary>The cx build the topology runs (the one this test project references).</summary>
    public static string CxAssembly => typeof(TopologyRunner).Assembly.Location;

    public async Task InitializeAsync()
    {
        await Task.WhenAll(Redis.InitializeAsync(), PostgreSql.InitializeAsync());
        _telemetry = await OtlpReceiver.StartAsync();
        var database = await PostgreSql.CreateDatabaseAsync("cx");

        var file = TyeFile.Load(Repository.PathOf("tye.yaml"));
        var redisPort = Assert.Single(file["redis"].Bindings).Port;
        var free = CxProcess.FreePorts(file.Services.Sum(s => s.Bindings.Count));
        var moves = file.Services.SelectMany(s => s.Bindings).Select(b => b.Port).Distinct()
            .ToDictionary(port => port, port => port == redisPort ? Redis.Port : free.Dequeue());
        var topology = file.Without(["redis"]).MovePorts(moves)
            .WithEnv(_ => true, "OTEL_EXPORTER_OTLP_ENDPOINT", Telemetry.Endpoint.ToString().TrimEnd('/'))
            .WithEnv(_ => true, "OTEL_BSP_SCHEDULE_DELAY", "200")
            .WithEnv(s => s.Name == "cx-governance", "Cx__Eventing__Redis__VisibilityTimeoutSeconds", VisibilityTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var key in topology.Services.SelectMany(s => s.Environment).Select(e => e.Key).Where(k => k.StartsWith("ConnectionStrings__", StringComparison.Ordinal)).Distinct().ToList())
        {
            topology = topology.WithEnv(s => s.Env(key) is not null, key, database);
        }

        _runner = new TopologyRunner(topology, new TopologyRunnerOptions
        {
            Output = (service, line) => _output.Enqueue($"[{service}] {line}"),

            // Four processes start, migrate and compile at once on what may be a slow two-core machine.
            ReadinessTimeout = TimeSpan.FromMinutes(3),
        });
        _runner.StartAll();
        try
        {
            await _runner.WaitAllReadyAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            throw new InvalidOperationException(e.Message + "\n" + Output(), e);
        }
    }

    public async Task DisposeAsync()
    {
        // Once, whichever way xunit asks first; and also after a start that failed halfway.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (_runner is not null)
        {
            await _runner.DisposeAsync();
        }

        if (_telemetry is not null)
        {
            await _telemetry.DisposeAsync();
        }

        await Redis.DisposeAsync();
        await PostgreSql.DisposeAsync();
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();

    /// <summary>What the services have written so far, to explain a failure.</summary>
    public string Output() => string.Join('\n', _output.TakeLast(300));

    /// <summary>A channel to the gateway's gRPC port, where callers reach the platform.</summary>
    public GrpcChannel GatewayChannel() =>
        GrpcChannel.ForAddress($"http://127.0.0.1:{Runner.Topology["cx-gateway"].Bindings.Single(b => b.Name == "grpc").Port}");

    /// <summary>
    /// An API key for the tenant with every permission, made as an operator would beside these
    /// processes: `cx keys create` with the gateway's environment, on the gateway's PostgreSQL database.
    /// </summary>
    public async Task<string> CreateApiKeyAsync(string tenant)
    {
        var (exit, output) = await RunCxAsync(Runner.Topology["cx-gateway"].Environment, "keys", "create", "--tenant", tenant, "--name", "topology-test", "--permission", "*:admin");
        Assert.True(exit == 0, "cx keys create failed:\n" + output);
        return output.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("cxk_", StringComparison.Ordinal));
    }

    /// <summary>Runs the cx command to completion as a process of its own, with the given environment over this one's.</summary>
    public static async Task<(int Exit, string Output)> RunCxAsync(IEnumerable<KeyValuePair<string, string>> environment, params string[] args)
    {
        await using var process = CxProcess.Start(CxAssembly, args, environment.ToDictionary());
        var exit = await process.WaitForExitAsync(TimeSpan.FromMinutes(2));
        return (exit, process.Output);
    }
}

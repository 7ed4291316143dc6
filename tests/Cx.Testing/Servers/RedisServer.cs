using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace Cx.Testing.Servers;

/// <summary>
/// A real redis-server of the test run's own, on a free loopback port: without persistence, or
/// with an append-only file synced on every write, to be killed and restarted without losing data.
/// </summary>
public sealed class RedisServer(bool appendOnly = false) : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "cx-redis-" + Guid.NewGuid().ToString("N"));
    private Process? _process;

    public int Port { get; private set; }

    public string Configuration => $"127.0.0.1:{Port}";

    public async Task InitializeAsync()
    {
        if (!File.Exists("/usr/bin/redis-server"))
        {
            throw new InvalidOperationException("redis-server is not installed: run scripts/install-test-deps (Debian package redis-server).");
        }

        Port = FreePort();
        Directory.CreateDirectory(_directory);
        await LaunchAsync();
    }

    /// <summary>Kills the server (SIGKILL) and leaves it down until <see cref="StartAgainAsync"/>.</summary>
    public async Task KillAsync()
    {
        _process!.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    /// <summary>Starts a killed server again on the same port and files.</summary>
    public Task StartAgainAsync() => LaunchAsync();

    /// <summary>Kills the server (SIGKILL) and starts it again on the same port and files.</summary>
    public async Task CrashAndRestartAsync()
    {
        _process!.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
        await LaunchAsync();
    }

    private async Task LaunchAsync()
    {
        var start = new ProcessStartInfo("/usr/bin/redis-server")
        {
            ArgumentList =
            {
                "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", string.Empty,
                "--appendonly", appendOnly ? "yes" : "no", "--appendfsync", "always", "--dir", _directory, "--daemonize", "no",
            },
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start)!;
        _process.BeginOutputReadLine();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var redis = await ConnectionMultiplexer.ConnectAsync(Configuration);
                await redis.GetDatabase().PingAsync();
                return;
            }
            catch (RedisConnectionException) when (attempt < 100)
            {
                await Task.Delay(50);
            }
            catch (RedisServerException e) when (attempt < 100 && e.Message.StartsWith("LOADING", StringComparison.Ordinal))
            {
                // Restarted on its append-only file: it answers, but only once the file is read back.
                await Task.Delay(50);
            }
        }
    }

    /// <summary>Empties the server, so a test starts with no streams, groups or dead letters of another.</summary>
    public async Task FlushAsync()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(Configuration + ",allowAdmin=true");
        await redis.GetServer(Configuration).FlushAllDatabasesAsync();
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>The servers of the redis backend: Redis Streams for events, PostgreSQL for service data.</summary>
public sealed class RedisBackendServers : IAsyncLifetime
{
    public RedisServer Redis { get; } = new();

    public PostgreSqlServer PostgreSql { get; } = new();

    public Task InitializeAsync() => Task.WhenAll(Redis.InitializeAsync(), PostgreSql.InitializeAsync());

    public async Task DisposeAsync()
    {
        await Redis.DisposeAsync();
        await PostgreSql.DisposeAsync();
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Cx.Testing.Servers;

/// <summary>
/// A real PostgreSQL server of its own for the test run: a throwaway cluster on a free loopback port,
/// fsync off, removed afterwards. initdb refuses to run as root, so as root it runs as "postgres".
/// </summary>
public sealed class PostgreSqlServer : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "cx-pg-" + Guid.NewGuid().ToString("N"));
    private string _bin = string.Empty;
    private int _port;

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={_port};Username=cx;Database={database};Include Error Detail=true";

    /// <summary>
    /// A database whose text ignores punctuation when it compares, as the linguistic collations of
    /// many production databases do: "a-c" sorts after "ab".
    /// </summary>
    public const string PunctuationBlindCollation = "en-US-u-ka-shifted";

    /// <param name="icuLocale">The database's default collation (an ICU locale); null for the server's.</param>
    public async Task<string> CreateDatabaseAsync(string name, string? icuLocale = null)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        var locale = icuLocale is null ? "" : $" TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE '{icuLocale}' LOCALE 'C.UTF-8'";
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"{locale}", connection);
        await create.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public async Task InitializeAsync()
    {
        var versions = Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql") : [];
        _bin = versions.Select(v => Path.Combine(v, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb"))).OrderDescending().FirstOrDefault()
            ?? throw new InvalidOperationException("PostgreSQL is not installed: run scripts/install-test-deps (Debian package postgresql).");
        _port = FreePort();
        Directory.CreateDirectory(_directory);
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", "-R", "postgres:postgres", _directory);
        }

        var data = Path.Combine(_directory, "data");
        await RunAsPostgresAsync(Path.Combine(_bin, "initdb"), "-D", data, "-A", "trust", "-U", "cx", "-E", "UTF8", "--no-sync");
        await RunAsPostgresAsync(
            Path.Combine(_bin, "pg_ctl"), "-D", data, "-l", Path.Combine(_directory, "server.log"), "-w", "-t", "60", "start",
            "-o", $"-p {_port} -k {_directory} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200");
    }

    public async Task DisposeAsync()
    {
        if (_port != 0)
        {
            await RunAsPostgresAsync(Path.Combine(_bin, "pg_ctl"), "-D", Path.Combine(_directory, "data"), "-m", "immediate", "-w", "stop");
        }

        Directory.Delete(_directory, recursive: true);
    }

    private static Task RunAsPostgresAsync(params string[] command) =>
        Environment.UserName == "root" ? RunAsync("runuser", ["-u", "postgres", "--", .. command]) : RunAsync(command[0], command[1..]);

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited {process.ExitCode}: {await error}{await output}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

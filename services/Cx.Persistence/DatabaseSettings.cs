using Cx.ServiceDefaults.Hosting;
using Microsoft.Extensions.Configuration;

namespace Cx.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>
/// Where a service keeps its data, read from configuration (section <c>Cx:Database</c>) so that no
/// service chooses a provider in code. The embedded backend defaults to one SQLite file per service;
/// the redis and dapr backends to PostgreSQL, whose connection string must then be configured.
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString, bool MigrateOnStartup)
{
    public const string SectionName = "Cx:Database";

    /// <param name="serviceName">The owning service; it names the SQLite file and the connection string.</param>
    public static DatabaseSettings For(string serviceName, IConfiguration configuration)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceName);
        ArgumentNullException.ThrowIfNull(configuration);
        var service = CxServiceSettings.From(configuration);
        var section = configuration.GetSection(SectionName);
        var embedded = service.Backend == "embedded";

        var providerName = section["Provider"] ?? (embedded ? "sqlite" : "postgresql");
        DatabaseProvider provider = providerName.ToLowerInvariant() switch
        {
            "sqlite" => DatabaseProvider.Sqlite,
            "postgresql" or "postgres" => DatabaseProvider.PostgreSql,
            _ => throw new InvalidOperationException($"Invalid configuration: {SectionName}:Provider must be sqlite or postgresql (was '{providerName}')."),
        };

        // A secret store usually provides ConnectionStrings__<service>; the shared key serves single-database setups.
        var connectionString = configuration.GetConnectionString(serviceName) ?? section["ConnectionString"];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = provider == DatabaseProvider.Sqlite
                ? $"Data Source={Path.Combine(Path.GetFullPath(service.DataDirectory), serviceName + ".db")}"
                : throw new InvalidOperationException(
                    $"Invalid configuration: the {serviceName} service uses PostgreSQL and needs a connection string (ConnectionStrings:{serviceName} or {SectionName}:ConnectionString).");
        }

        var migrate = section.GetValue<bool?>("MigrateOnStartup") ?? embedded;
        return new DatabaseSettings(provider, connectionString, migrate);
    }
}

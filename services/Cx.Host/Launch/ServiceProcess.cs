using Cx.Persistence.Hosting;
using Cx.ServiceDefaults;
using Cx.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Cx.Host.Launch;

/// <summary>
/// One service of the catalog as a process of its own (`cx serve`, a container): configured only
/// by configuration (appsettings.json, environment variables such as <c>Cx__Backend</c>, and
/// <c>--Cx:Key=value</c> arguments), with the container defaults (0.0.0.0, gRPC 8081, HTTP 8080)
/// and its own telemetry, named <c>cx-&lt;service&gt;</c>.
/// </summary>
internal static class ServiceProcess
{
    /// <summary>
    /// The service's application, built but not started. The process owns the termination signals
    /// (the command line cancels, the host stops), so a SIGTERM means one thing: stop gracefully.
    /// </summary>
    public static WebApplication Create(ServiceSlot slot, IReadOnlyList<string> configurationArgs) =>
        CxServiceApplication.Create(slot.Create(null), new CxServiceHostingOptions
        {
            Args = configurationArgs,

            // The service's own events and its start and stop, as in cx up; a line per request or
            // SQL command is noise in a container's log (configuration can ask for it back).
            Defaults = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:Cx"] = "Information",
                ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
            },
            ConfigureServices = services => services.AddSingleton<IHostLifetime, ProcessOwnedLifetime>(),
        });

    /// <summary>
    /// Brings the service's database to its latest migration, from the same configuration the
    /// service runs with. Returns what was applied; null when the service keeps no database.
    /// </summary>
    public static async Task<IReadOnlyList<string>?> MigrateAsync(ServiceSlot slot, IReadOnlyList<string> configurationArgs, CancellationToken cancellationToken)
    {
        await using var app = Create(slot, configurationArgs);
        var migrators = app.Services.GetServices<IDatabaseMigrator>().ToArray();
        if (migrators.Length == 0)
        {
            return null;
        }

        var applied = new List<string>();
        foreach (var migrator in migrators)
        {
            applied.AddRange(await migrator.MigrateAsync(cancellationToken));
        }

        return applied;
    }

    /// <summary>Where a started service answers, for the line `cx serve` prints once it listens.</summary>
    public static BoundEndpoints Endpoints(WebApplication app) => app.Services.GetRequiredService<BoundEndpoints>();
}

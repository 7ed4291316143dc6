using Cx.Topology.Tests.Support;
using Npgsql;

namespace Cx.Topology.Tests;

/// <summary>
/// The step a cluster runs before a service's replicas roll (a pre-install/pre-upgrade Job): `cx db
/// migrate --service NAME` as its own process, configured by the same environment as the service.
/// </summary>
public sealed class MigrationStepTests(PostgreSqlServer postgres) : IClassFixture<PostgreSqlServer>
{
    [Fact]
    public async Task DbMigrateService_FromTheEnvironment_MigratesThatServicesSchemaOnly_ThenFindsItCurrent()
    {
        var database = await postgres.CreateDatabaseAsync("migration_step");
        var environment = new Dictionary<string, string>
        {
            ["Cx__Backend"] = "dapr",
            ["ConnectionStrings__governance"] = database,
        };

        var (first, applied) = await TopologyFixture.RunCxAsync(environment, "db", "migrate", "--service", "governance");
        var (second, current) = await TopologyFixture.RunCxAsync(environment, "db", "migrate", "--service", "governance");

        Assert.True(first == 0, applied);
        Assert.Contains("governance: applied ", applied, StringComparison.Ordinal);
        Assert.Equal(0, second);
        Assert.Contains("governance: up to date", current, StringComparison.Ordinal);
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var schemas = new NpgsqlCommand("SELECT schema_name FROM information_schema.schemata WHERE schema_name IN ('governance', 'measurement', 'gateway')", connection);
        var found = new List<string>();
        await using (var reader = await schemas.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                found.Add(reader.GetString(0));
            }
        }

        Assert.Equal(["governance"], found);
    }
}

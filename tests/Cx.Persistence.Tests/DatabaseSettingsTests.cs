using Microsoft.Extensions.Configuration;

namespace Cx.Persistence.Tests;

public sealed class DatabaseSettingsTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void For_EmbeddedBackend_IsASqliteFilePerServiceMigratedAtStart()
    {
        var settings = DatabaseSettings.For("measurement", Config(("Cx:DataDirectory", "/srv/cx/measurement")));

        Assert.Equal(DatabaseProvider.Sqlite, settings.Provider);
        Assert.Equal("Data Source=/srv/cx/measurement/measurement.db", settings.ConnectionString);
        Assert.True(settings.MigrateOnStartup);
    }

    [Fact]
    public void For_DaprBackend_IsPostgreSqlWithTheServicesConnectionStringAndNoMigrationAtStart()
    {
        var settings = DatabaseSettings.For("governance", Config(
            ("Cx:Backend", "dapr"), ("ConnectionStrings:governance", "Host=db;Database=governance")));

        Assert.Equal((DatabaseProvider.PostgreSql, "Host=db;Database=governance", false), (settings.Provider, settings.ConnectionString, settings.MigrateOnStartup));
    }

    [Fact]
    public void For_PostgreSqlWithoutConnectionString_FailsNamingTheKeys()
    {
        var error = Assert.Throws<InvalidOperationException>(() => DatabaseSettings.For("governance", Config(("Cx:Backend", "redis"))));

        Assert.Contains("ConnectionStrings:governance", error.Message, StringComparison.Ordinal);
        Assert.Contains("Cx:Database:ConnectionString", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void For_ExplicitChoices_WinOverTheBackendDefaults()
    {
        var settings = DatabaseSettings.For("culture", Config(
            ("Cx:Database:Provider", "postgresql"), ("Cx:Database:ConnectionString", "Host=shared"), ("Cx:Database:MigrateOnStartup", "false")));

        Assert.Equal((DatabaseProvider.PostgreSql, "Host=shared", false), (settings.Provider, settings.ConnectionString, settings.MigrateOnStartup));
    }

    [Fact]
    public void For_UnknownProvider_FailsNamingTheKey()
    {
        var error = Assert.Throws<InvalidOperationException>(() => DatabaseSettings.For("culture", Config(("Cx:Database:Provider", "mongodb"))));

        Assert.Contains("Cx:Database:Provider", error.Message, StringComparison.Ordinal);
    }
}

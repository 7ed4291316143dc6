namespace Cx.Persistence.Tests;

/// <summary>The tests that share one PostgreSQL server (xunit finds collections only in the test assembly).</summary>
[CollectionDefinition(Name)]
public sealed class PostgreSqlGroup : ICollectionFixture<PostgreSqlServer>
{
    public const string Name = "postgresql";
}

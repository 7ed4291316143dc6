namespace Cx.Eventing.Tests;

/// <summary>The tests that share the redis backend's servers (xunit finds collections only in the test assembly).</summary>
[CollectionDefinition(Name)]
public sealed class RedisBackendGroup : ICollectionFixture<RedisBackendServers>
{
    public const string Name = "redis backend";
}

namespace Strata.Testing.Tests.Cluster;

/// <summary>One cluster shared by the read-mostly test classes (they run one after another); startup is the slow part.</summary>
[CollectionDefinition(Name)]
public sealed class SharedRedisClusterCollection : ICollectionFixture<RedisClusterFixture>
{
    public const string Name = "Shared Redis cluster";
}

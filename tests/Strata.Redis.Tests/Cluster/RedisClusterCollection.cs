using Strata.Testing;

namespace Strata.Redis.Tests.Cluster;

/// <summary>The cluster test classes share one 3-primary/3-replica cluster and run one after another: the failover
/// tests change the layout, and a 2-core machine cannot afford a cluster per class. Tests isolate themselves by key
/// prefix; a test that fails a node over waits until the cluster is healthy again before it ends. The collection also
/// runs alone (no other test class in parallel): six redis-servers failing over would starve the single-server tests'
/// timeouts on two cores.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RedisClusterCollection : ICollectionFixture<RedisClusterFixture>
{
    public const string Name = "redis-cluster";
}

using Strata.Conformance;
using Strata.Testing;

namespace Strata.Redis.Tests.Cluster;

/// <summary>The L2 conformance suite on a real Redis Cluster (3 primaries, 3 replicas): the scope's keys spread over
/// every primary, so batches, stamps and purges cross slots and nodes.</summary>
[Collection(RedisClusterCollection.Name)]
public sealed class ClusterTierConformanceTests(RedisClusterFixture cluster) : DistributedTierConformanceTests
{
    protected override TimeProvider Time => TimeProvider.System;

    protected override ValueTask<IDistributedTier> CreateTierAsync() => NodeAsync();

    protected override ValueTask<IDistributedTier> CreateSecondNodeAsync() => NodeAsync();

    private async ValueTask<IDistributedTier> NodeAsync()
    {
        var tier = new RedisDistributedTier(new RedisTierOptions
        {
            ConnectionString = cluster.ConnectionString,
            KeyPrefix = Scope + ":",
        });
        // A node that does not hear yet would miss the changes the test makes next.
        await tier.WhenCoherentAsync();
        tier.Client.IsCluster.ShouldBeTrue();
        return tier;
    }
}

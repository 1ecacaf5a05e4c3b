using Strata.Testing;
using Xunit.Abstractions;

namespace Strata.Redis.Tests.Cluster;

/// <summary>Three-node coherence on the cluster through the pub/sub channel (PUBLISH is broadcast cluster-wide).</summary>
[Collection(RedisClusterCollection.Name)]
public sealed class ClusterPubSubCoherenceTests(RedisClusterFixture fixture, ITestOutputHelper output)
    : ClusterCoherenceTests(fixture, output, RedisCoherence.PubSub);

using Strata.Testing;
using Xunit.Abstractions;

namespace Strata.Redis.Tests.Cluster;

/// <summary>Three-node coherence on the cluster through client tracking on every primary's connection.</summary>
[Collection(RedisClusterCollection.Name)]
public sealed class ClusterTrackingCoherenceTests(RedisClusterFixture fixture, ITestOutputHelper output)
    : ClusterCoherenceTests(fixture, output, RedisCoherence.Tracking);

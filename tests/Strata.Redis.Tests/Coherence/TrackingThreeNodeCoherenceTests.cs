using Strata.Redis.Tests.Infrastructure;

namespace Strata.Redis.Tests.Coherence;

/// <summary>Three-node coherence through client tracking (BCAST PREFIX NOLOOP).</summary>
[Collection(RedisCollection.Name)]
public sealed class TrackingThreeNodeCoherenceTests(RedisFixture redis) : ThreeNodeCoherenceTests(redis, RedisCoherence.Tracking);

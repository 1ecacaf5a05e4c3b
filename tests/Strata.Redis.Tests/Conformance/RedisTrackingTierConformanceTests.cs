using Strata.Redis.Tests.Infrastructure;

namespace Strata.Redis.Tests.Conformance;

/// <summary>The L2 conformance suite on a real redis-server, each node a tier with its own connection, hearing the
/// other through client tracking (RESP3, the default).</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisTrackingTierConformanceTests(RedisFixture redis) : RedisTierConformanceTests(redis, RedisCoherence.Tracking);

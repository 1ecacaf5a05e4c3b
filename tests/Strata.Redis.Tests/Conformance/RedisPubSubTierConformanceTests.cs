using Strata.Redis.Tests.Infrastructure;

namespace Strata.Redis.Tests.Conformance;

/// <summary>The same suite with the pub/sub fallback, as on a server without client tracking.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisPubSubTierConformanceTests(RedisFixture redis) : RedisTierConformanceTests(redis, RedisCoherence.PubSub);

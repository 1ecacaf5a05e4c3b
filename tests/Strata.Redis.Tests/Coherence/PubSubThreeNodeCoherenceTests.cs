using Strata.Redis.Tests.Infrastructure;

namespace Strata.Redis.Tests.Coherence;

/// <summary>Three-node coherence through the pub/sub fallback: the same guarantees as tracking.</summary>
[Collection(RedisCollection.Name)]
public sealed class PubSubThreeNodeCoherenceTests(RedisFixture redis) : ThreeNodeCoherenceTests(redis, RedisCoherence.PubSub);

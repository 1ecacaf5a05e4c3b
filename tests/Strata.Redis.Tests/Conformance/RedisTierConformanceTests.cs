using Strata.Conformance;
using Strata.Redis.Tests.Infrastructure;

namespace Strata.Redis.Tests.Conformance;

/// <summary>Runs <see cref="DistributedTierConformanceTests"/> against Redis with the given coherence.</summary>
public abstract class RedisTierConformanceTests(RedisFixture redis, RedisCoherence coherence) : DistributedTierConformanceTests
{
    protected override TimeProvider Time => TimeProvider.System;

    protected override ValueTask<IDistributedTier> CreateTierAsync() => NodeAsync();

    protected override ValueTask<IDistributedTier> CreateSecondNodeAsync() => NodeAsync();

    private async ValueTask<IDistributedTier> NodeAsync()
    {
        var tier = new RedisDistributedTier(new RedisTierOptions
        {
            ConnectionString = redis.ConnectionString,
            Coherence = coherence,
            KeyPrefix = Scope + ":",
        });
        // A node that does not hear yet would miss the changes the test makes next.
        await tier.WhenCoherentAsync();
        tier.ActiveCoherence.ShouldBe(coherence);
        return tier;
    }
}

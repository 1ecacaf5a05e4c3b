using Strata.Conformance;
using Strata.Tiers;

namespace Strata.Tests.Conformance;

/// <summary>The in-memory tier on the system clock: runs the suite's real-clock path (short time-to-lives), the one
/// a server that keeps its own time takes.</summary>
public sealed class InMemoryDistributedTierOnSystemClockConformanceTests : DistributedTierConformanceTests
{
    private readonly InMemoryDistributedStore _store = new(TimeProvider.System);

    protected override TimeProvider Time => TimeProvider.System;

    protected override ValueTask<IDistributedTier> CreateTierAsync() => ValueTask.FromResult<IDistributedTier>(new InMemoryDistributedTier(_store));

    protected override ValueTask<IDistributedTier> CreateSecondNodeAsync() => ValueTask.FromResult<IDistributedTier>(new InMemoryDistributedTier(_store));
}

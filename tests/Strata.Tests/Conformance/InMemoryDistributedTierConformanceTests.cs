using Strata.Conformance;
using Strata.Testing;
using Strata.Tiers;

namespace Strata.Tests.Conformance;

/// <summary>The in-memory tier on a manual clock: nodes are tiers over one <see cref="InMemoryDistributedStore"/>.</summary>
public sealed class InMemoryDistributedTierConformanceTests : DistributedTierConformanceTests
{
    private readonly ManualTimeProvider _clock = new();
    private readonly InMemoryDistributedStore _store;

    public InMemoryDistributedTierConformanceTests() => _store = new InMemoryDistributedStore(_clock);

    protected override TimeProvider Time => _clock;

    protected override ValueTask<IDistributedTier> CreateTierAsync() => ValueTask.FromResult<IDistributedTier>(new InMemoryDistributedTier(_store));

    protected override ValueTask<IDistributedTier> CreateSecondNodeAsync() => ValueTask.FromResult<IDistributedTier>(new InMemoryDistributedTier(_store));
}

using Strata.Conformance;
using Strata.Testing;
using Strata.Tiers;

namespace Strata.Tests.Conformance;

/// <summary>A <see cref="ChaosDistributedTier"/> with no faults configured is transparent: it passes the suite that the
/// in-memory tier it wraps passes.</summary>
public sealed class ChaosDistributedTierConformanceTests : DistributedTierConformanceTests
{
    private readonly ManualTimeProvider _clock = new();
    private readonly InMemoryDistributedStore _store;

    public ChaosDistributedTierConformanceTests() => _store = new InMemoryDistributedStore(_clock);

    protected override TimeProvider Time => _clock;

    protected override ValueTask<IDistributedTier> CreateTierAsync() => ValueTask.FromResult(CreateNode());

    protected override ValueTask<IDistributedTier> CreateSecondNodeAsync() => ValueTask.FromResult(CreateNode());

    private IDistributedTier CreateNode() => new ChaosDistributedTier(new InMemoryDistributedTier(_store), _clock);
}

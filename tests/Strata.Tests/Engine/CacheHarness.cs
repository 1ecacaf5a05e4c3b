using System.Diagnostics.Metrics;
using Strata.Engine;
using Strata.Policies;
using Strata.Serialization;
using Strata.Testing;
using Strata.Tiers;

namespace Strata.Tests.Engine;

/// <summary>
/// A cache engine on a manual clock, with an optional in-memory (and chaos-wrapped) L2, for engine tests. Tests that
/// listen to its metrics pass a <see cref="TestMeterFactory"/> and listen to that factory's meters only: other tests'
/// engines, running in parallel, publish instruments with the same names.
/// </summary>
internal sealed class CacheHarness : IDisposable
{
    public CacheHarness(
        Action<StrataCacheOptions>? configure = null,
        bool withL2 = false,
        InMemoryDistributedStore? sharedStore = null,
        ManualTimeProvider? clock = null,
        Func<double>? random = null,
        StrataPolicyOptions? policies = null,
        IMeterFactory? meterFactory = null)
    {
        Clock = clock ?? new ManualTimeProvider();
        var options = new StrataCacheOptions();
        configure?.Invoke(options);
        if (withL2 || sharedStore is not null)
        {
            Store = sharedStore ?? new InMemoryDistributedStore(Clock);
            Chaos = new ChaosDistributedTier(new InMemoryDistributedTier(Store), Clock);
        }

        Engine = new CacheEngine(
            options,
            Chaos,
            new SerializerRegistry(null, [], null),
            new CachePolicyRegistry(policies ?? new StrataPolicyOptions()),
            Clock,
            loggerFactory: null,
            meterFactory,
            random);
    }

    public ManualTimeProvider Clock { get; }

    public InMemoryDistributedStore? Store { get; }

    public ChaosDistributedTier? Chaos { get; }

    public CacheEngine Engine { get; }

    public StrataCache Cache => Engine.Root;

    public void Dispose() => Engine.Dispose();
}

using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Strata.Diagnostics;
using Strata.Inspection;
using Strata.Keys;
using Strata.Memory;
using Strata.Policies;
using Strata.Resilience;
using Strata.Serialization;


namespace Strata.Engine;

/// <summary>
/// The state every namespace of one cache shares: L1, the L2 gateway, single-flight runs, invalidation stamps, the
/// hybrid clock, serializers, policies and metrics. <see cref="NamespacedCache"/> is the public face of it.
/// </summary>
internal sealed partial class CacheEngine : IDistributedTierObserver, IDisposable
{
    /// <summary>Fixed per-entry overhead added to the payload size in the L1 weight (the entry object, its key, the
    /// policy's node): a flood of tiny entries must still be bounded.</summary>
    internal const int EntryOverheadBytes = 256;

    private const string StampSegment = "!inv";

    private readonly StrataCacheOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly MemoryTier<L1Key, L1Entry> _l1;
    private readonly DistributedGateway? _l2;
    private readonly SerializerRegistry _serializers;
    private readonly CachePolicyRegistry _policies;
    private readonly CacheKeyFormatter _keys;
    private readonly ConcurrentDictionary<string, NamespaceState> _namespaces = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StampCell> _tagStamps = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<L1Key, Flight> _flights = new();
    private readonly StampCell _globalStamp;
    private readonly Func<double> _random;
    private readonly IDisposable? _subscription;
    private readonly ITimer _sweepTimer;
    private int _tagEpoch;

    public CacheEngine(
        StrataCacheOptions options,
        IDistributedTier? distributedTier,
        SerializerRegistry serializers,
        CachePolicyRegistry policies,
        TimeProvider time,
        ILoggerFactory? loggerFactory,
        IMeterFactory? meterFactory,
        Func<double>? random = null)
    {
        options.Validate();
        _options = options;
        _time = time;
        _logger = (ILogger?)loggerFactory?.CreateLogger("Strata.Cache") ?? NullLogger.Instance;
        _serializers = serializers;
        _policies = policies;
        _keys = new CacheKeyFormatter(options.KeyPrefix, options.MaximumKeyBytes);
        _random = random ?? (static () => 1.0 - Random.Shared.NextDouble());
        Clock = new HybridClock(time);
        _globalStamp = new StampCell($"{options.KeyPrefix}:{StampSegment}:*");
        _l1 = new MemoryTier<L1Key, L1Entry>(options.L1MaximumBytes, comparer: null, onEvicted: OnL1Evicted);
        Metrics = new StrataMetrics(meterFactory, () => _l1.Weight, () => _l1.Count, () => (int)BreakerState);
        if (distributedTier is not null)
        {
            _l2 = new DistributedGateway(distributedTier, options, time, Metrics, _logger, Clock.Next);
            _subscription = distributedTier.Subscribe(this);
        }
        else
        {
            // Without L2 there is nothing to fetch: what this process knows is all there is.
            _globalStamp.Known = true;
        }

        // Expired entries are never served (reads check), but they still hold memory until something sweeps them.
        _sweepTimer = time.CreateTimer(static state => ((CacheEngine)state!).SweepExpired(), this, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        Root = new NamespacedCache(this, GetNamespace(options.DefaultNamespace));
    }

    public NamespacedCache Root { get; }

    public StrataMetrics Metrics { get; }

    /// <summary>The last invalidations applied here, for <see cref="IStrataCacheInspector"/>.</summary>
    public InvalidationJournal Invalidations { get; } = new();

    public HybridClock Clock { get; }

    public StrataCacheOptions Options => _options;

    public TimeProvider Time => _time;

    public CachePolicyRegistry Policies => _policies;

    public bool HasDistributedTier => _l2 is not null;

    public string? DistributedTierName => _l2?.Tier.Name;

    public BreakerState BreakerState => _l2?.Breaker.State ?? BreakerState.Closed;

    public bool DistributedFailing => _l2?.IsFailing ?? false;

    public long L1Weight => _l1.Weight;

    public int L1Count => _l1.Count;

    internal MemoryTier<L1Key, L1Entry> L1 => _l1;

    public NamespaceState GetNamespace(string name)
    {
        if (_namespaces.TryGetValue(name, out var existing))
        {
            return existing;
        }

        CacheKeyFormatter.ValidateName(name, "namespace", nameof(name));
        return _namespaces.GetOrAdd(name, static (n, self) => self.CreateNamespace(n), this);
    }

    private NamespaceState CreateNamespace(string name)
    {
        var ns = new NamespaceState(name, _options.KeyPrefix, $"{_options.KeyPrefix}:{StampSegment}:ns:{name}");
        ns.Stamp.Known = _l2 is null;
        return ns;
    }

    private StampCell GetTagCell(string tag) =>
        _tagStamps.GetOrAdd(tag, static (t, self) => new StampCell($"{self._options.KeyPrefix}:{StampSegment}:tag:{t}") { Known = self._l2 is null }, this);

    /// <summary>Counts the L1 entries per namespace (for the admin API's keys-per-namespace view).</summary>
    public IReadOnlyDictionary<string, int> CountByNamespace()
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (key, _) in _l1.Snapshot())
        {
            counts[key.Namespace.Name] = counts.GetValueOrDefault(key.Namespace.Name) + 1;
        }

        return counts;
    }

    public void Dispose()
    {
        _sweepTimer.Dispose();
        _subscription?.Dispose();
        Metrics.Dispose();
    }

    private void SweepExpired()
    {
        try
        {
            _l1.RemoveExpired(_time.GetUtcNow().UtcTicks);
        }
        catch (Exception error)
        {
            // A timer callback must not throw; a failed sweep only delays freeing memory.
            Metrics.Error("l1", error.GetType().Name);
        }
    }

    private void OnL1Evicted(L1Key key, L1Entry entry, MemoryEvictionReason reason)
    {
        if (reason is MemoryEvictionReason.Capacity or MemoryEvictionReason.Expired)
        {
            Metrics.Evicted(reason == MemoryEvictionReason.Capacity ? "capacity" : "expired");
        }
    }

    /// <summary>Whether no invalidation (global, namespace, tag) made after the entry was created applies to it.</summary>
    private bool IsValid(L1Entry entry, NamespaceState ns)
    {
        var created = entry.CreatedStamp;
        if (created <= _globalStamp.Stamp || created <= ns.Stamp.Stamp)
        {
            return false;
        }

        var tags = entry.Tags;
        if (tags.Length == 0)
        {
            return true;
        }

        // Read the epoch first: an invalidation raises its stamp before bumping the epoch, so a memo taken from an
        // older epoch is re-checked on the next read.
        var epoch = Volatile.Read(ref _tagEpoch);
        if (entry.CheckedTagEpoch == epoch)
        {
            return true;
        }

        foreach (var tag in tags)
        {
            if (_tagStamps.TryGetValue(tag, out var cell) && created <= cell.Stamp)
            {
                return false;
            }
        }

        entry.CheckedTagEpoch = epoch;
        return true;
    }

    private void RaiseTag(StampCell cell, long stamp)
    {
        if (cell.Raise(stamp))
        {
            Interlocked.Increment(ref _tagEpoch);
        }
    }

    private void SupersedeFlight(L1Key key)
    {
        if (_flights.TryGetValue(key, out var flight))
        {
            flight.Superseded = true;
        }
    }

    private string FullKey(L1Key key) => key.Namespace.FullKey(key.Key);

    private void RecordInvalidation(StrataInvalidationScope scope, string? name, string? @namespace, bool remote)
    {
        Metrics.Invalidated(scope switch
        {
            StrataInvalidationScope.Key => "key",
            StrataInvalidationScope.Tag => "tag",
            StrataInvalidationScope.Namespace => "namespace",
            _ => "all",
        }, remote);
        Invalidations.Record(new StrataInvalidation(_time.GetUtcNow(), scope, name, @namespace, remote));
    }

    // ---- IDistributedTierObserver: other nodes' changes ----

    void IDistributedTierObserver.OnKeyChanged(string key)
    {
        SignalArrival(key);
        var stampPrefix = _globalStamp.StorageKey.AsSpan(0, _globalStamp.StorageKey.Length - 1);
        if (key.AsSpan().StartsWith(stampPrefix, StringComparison.Ordinal))
        {
            // We learn that a stamp changed, not its value. Raising ours to "now" is conservative: it is at least the
            // stamp the other node wrote (it wrote before we heard), so nothing older survives.
            var stamp = Clock.Next();
            var scope = key.AsSpan(stampPrefix.Length);
            if (scope.SequenceEqual("*"))
            {
                _globalStamp.Raise(stamp);
                RecordInvalidation(StrataInvalidationScope.All, null, null, remote: true);
            }
            else if (scope.StartsWith("ns:", StringComparison.Ordinal))
            {
                var name = scope[3..].ToString();
                if (_namespaces.TryGetValue(name, out var ns))
                {
                    ns.Stamp.Raise(stamp);
                }

                RecordInvalidation(StrataInvalidationScope.Namespace, name, null, remote: true);
            }
            else if (scope.StartsWith("tag:", StringComparison.Ordinal))
            {
                // Created even when unknown here: entries this node wrote locally may carry the tag.
                var tag = scope[4..].ToString();
                RaiseTag(GetTagCell(tag), stamp);
                RecordInvalidation(StrataInvalidationScope.Tag, tag, null, remote: true);
            }

            return;
        }

        if (IsLeaseKey(key))
        {
            return;
        }

        if (_keys.TryParse(key, out var nsName, out var effectiveKey) && _namespaces.TryGetValue(nsName, out var state))
        {
            if (_l1.Remove(new L1Key(state, effectiveKey)))
            {
                Metrics.Invalidated("key", remote: true);
            }
        }
    }

    void IDistributedTierObserver.OnAllChanged() => FlushShared("all-changed");

    void IDistributedTierObserver.OnConnectionLost() => FlushShared("connection-lost");

    /// <summary>Reconciles L1 with L2 after an outage: entries read or written while changes could not be heard (the
    /// connection was down, or half-down) may be older than what another node wrote meanwhile, so everything shared
    /// with L2 is dropped once more and the stamps are fetched again on the next L2 read.</summary>
    void IDistributedTierObserver.OnConnectionRestored() => FlushShared("reconnected");

    /// <summary>Drops every L1 entry that another node could have changed without us hearing, and forgets which stamps
    /// we know, so the next L2 reads fetch them again.</summary>
    private void FlushShared(string reason)
    {
        var flushed = _l1.RemoveWhere(0, static (_, entry, _) => entry.SharedWithL2);
        _globalStamp.Known = false;
        foreach (var ns in _namespaces.Values)
        {
            ns.Stamp.Known = false;
        }

        foreach (var cell in _tagStamps.Values)
        {
            cell.Known = false;
        }

        Metrics.CoherenceFlushed(reason);
        StrataLog.CoherenceFlushed(_logger, _l2?.Tier.Name ?? "none", reason, flushed);
    }
}

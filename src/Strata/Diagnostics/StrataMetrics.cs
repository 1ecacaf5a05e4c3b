using System.Diagnostics.Metrics;

namespace Strata.Diagnostics;

/// <summary>
/// The engine's instruments, on the meter <c>Strata</c>. Tags are tiers, results, reasons and namespaces — never keys.
/// Counters are also kept as plain fields so the health check and the admin API can read them without a listener.
/// </summary>
internal sealed class StrataMetrics : IDisposable
{
    /// <summary>The meter name to listen to.</summary>
    public const string MeterName = "Strata";

    private static readonly double[] DurationBuckets = [0.00001, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _requests;
    private readonly Histogram<double> _factoryDuration;
    private readonly Histogram<double> _l2Duration;
    private readonly UpDownCounter<long> _waiters;
    private readonly Counter<long> _evictions;
    private readonly Counter<long> _errors;
    private readonly Counter<long> _invalidations;
    private readonly Counter<long> _leases;
    private readonly Counter<long> _coherenceFlushes;
    private long _l1Hits;
    private long _l2Hits;
    private long _staleHits;
    private long _misses;
    private long _factoryRuns;
    private long _factoryErrors;
    private long _l2Errors;
    private long _evictionCount;
    private long _waitersNow;
    private long _leasesAcquired;
    private long _leaseValuesArrived;
    private long _leaseWaitsExpired;
    private long _leaseWaits;
    private long _leasesLeftToHolder;
    private long _coherenceFlushCount;

    public StrataMetrics(IMeterFactory? meterFactory, Func<long> l1Bytes, Func<long> l1Count, Func<int> breakerState)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(new MeterOptions(MeterName)) ?? new Meter(MeterName);
        _requests = _meter.CreateCounter<long>("strata.cache.requests", unit: "{request}", description: "Cache reads by tier (l1, l2), result (hit, miss, stale) and namespace.");
        _factoryDuration = _meter.CreateHistogram<double>(
            "strata.cache.factory.duration",
            unit: "s",
            description: "Time the factory (the underlying source) took, by outcome and namespace.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _l2Duration = _meter.CreateHistogram<double>(
            "strata.cache.l2.duration",
            unit: "s",
            description: "Time an L2 operation took, by operation.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _waiters = _meter.CreateUpDownCounter<long>("strata.cache.single_flight.waiters", unit: "{caller}", description: "Callers waiting for a factory run another caller started.");
        _evictions = _meter.CreateCounter<long>("strata.cache.evictions", unit: "{entry}", description: "Entries leaving L1, by reason.");
        _errors = _meter.CreateCounter<long>("strata.cache.errors", unit: "{error}", description: "Errors by tier (l1, l2, factory) and kind.");
        _invalidations = _meter.CreateCounter<long>("strata.cache.invalidations", unit: "{invalidation}", description: "Keys, tags and namespaces invalidated, by scope and origin (local, remote).");
        _leases = _meter.CreateCounter<long>("strata.cache.leases", unit: "{lease}", description: "Cross-node single-flight lease outcomes: acquired, arrived (another node's value was used), busy (a background refresh left it to the holder), wait (began waiting for the holder), expired (waited out, computed here).");
        _coherenceFlushes = _meter.CreateCounter<long>("strata.cache.coherence.flushes", unit: "{flush}", description: "Times L1 dropped every entry shared with L2 because changes could have been missed, by reason (connection-lost, reconnected, all-changed).");
        _meter.CreateObservableGauge("strata.cache.l1.bytes", l1Bytes, unit: "By", description: "Estimated bytes held by L1.");
        _meter.CreateObservableGauge("strata.cache.l1.entries", l1Count, unit: "{entry}", description: "Entries held by L1.");
        _meter.CreateObservableGauge("strata.cache.breaker.state", breakerState, unit: "{state}", description: "The L2 circuit breaker: 0 closed, 1 half-open, 2 open.");
    }

    public long L1Hits => Volatile.Read(ref _l1Hits);

    public long L2Hits => Volatile.Read(ref _l2Hits);

    public long StaleHits => Volatile.Read(ref _staleHits);

    public long Misses => Volatile.Read(ref _misses);

    public long FactoryRuns => Volatile.Read(ref _factoryRuns);

    public long FactoryErrors => Volatile.Read(ref _factoryErrors);

    public long L2Errors => Volatile.Read(ref _l2Errors);

    public long Evictions => Volatile.Read(ref _evictionCount);

    /// <summary>Callers waiting on single-flight runs right now.</summary>
    public long Waiters => Volatile.Read(ref _waitersNow);

    public void L1Hit(string @namespace, bool stale)
    {
        Interlocked.Increment(ref _l1Hits);
        if (stale)
        {
            Interlocked.Increment(ref _staleHits);
        }

        if (_requests.Enabled)
        {
            _requests.Add(1, new("tier", "l1"), new("result", stale ? "stale" : "hit"), new("namespace", @namespace));
        }
    }

    public void L1Miss(string @namespace)
    {
        if (_requests.Enabled)
        {
            _requests.Add(1, new("tier", "l1"), new("result", "miss"), new("namespace", @namespace));
        }
    }

    public void L2Hit(string @namespace, bool stale)
    {
        Interlocked.Increment(ref _l2Hits);
        if (stale)
        {
            Interlocked.Increment(ref _staleHits);
        }

        if (_requests.Enabled)
        {
            _requests.Add(1, new("tier", "l2"), new("result", stale ? "stale" : "hit"), new("namespace", @namespace));
        }
    }

    public void L2Miss(string @namespace)
    {
        if (_requests.Enabled)
        {
            _requests.Add(1, new("tier", "l2"), new("result", "miss"), new("namespace", @namespace));
        }
    }

    /// <summary>A read that neither tier could answer fresh (the factory ran or the caller got nothing).</summary>
    public void Miss() => Interlocked.Increment(ref _misses);

    public void FactoryCompleted(string @namespace, TimeSpan elapsed, string outcome)
    {
        Interlocked.Increment(ref _factoryRuns);
        if (outcome != "success")
        {
            Interlocked.Increment(ref _factoryErrors);
        }

        if (_factoryDuration.Enabled)
        {
            _factoryDuration.Record(elapsed.TotalSeconds, new("outcome", outcome), new("namespace", @namespace));
        }
    }

    public void L2Duration(string operation, TimeSpan elapsed)
    {
        if (_l2Duration.Enabled)
        {
            _l2Duration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("operation", operation));
        }
    }

    public void WaiterAdded()
    {
        Interlocked.Increment(ref _waitersNow);
        _waiters.Add(1);
    }

    public void WaiterRemoved()
    {
        Interlocked.Decrement(ref _waitersNow);
        _waiters.Add(-1);
    }

    public void Evicted(string reason)
    {
        Interlocked.Increment(ref _evictionCount);
        if (_evictions.Enabled)
        {
            _evictions.Add(1, new KeyValuePair<string, object?>("reason", reason));
        }
    }

    public void Error(string tier, string kind)
    {
        if (tier == "l2")
        {
            Interlocked.Increment(ref _l2Errors);
        }

        if (_errors.Enabled)
        {
            _errors.Add(1, new("tier", tier), new("kind", kind));
        }
    }

    public void Invalidated(string scope, bool remote)
    {
        if (_invalidations.Enabled)
        {
            _invalidations.Add(1, new("scope", scope), new("origin", remote ? "remote" : "local"));
        }
    }

    /// <summary>Leases this node took to run a factory.</summary>
    public long LeasesAcquired => Volatile.Read(ref _leasesAcquired);

    /// <summary>Misses answered by a value another node computed under its lease.</summary>
    public long LeaseValuesArrived => Volatile.Read(ref _leaseValuesArrived);

    /// <summary>Waits for another node's lease that ran out, after which this node computed the value itself.</summary>
    public long LeaseWaitsExpired => Volatile.Read(ref _leaseWaitsExpired);

    /// <summary>Times a run began waiting for another node's lease (a run may wait more than once).</summary>
    public long LeaseWaits => Volatile.Read(ref _leaseWaits);

    /// <summary>Background refreshes skipped because another node held the key's lease (it refreshes for everyone).</summary>
    public long LeasesLeftToHolder => Volatile.Read(ref _leasesLeftToHolder);

    /// <summary>Times L1 was flushed of L2-shared entries (connection lost, reconnected, server flushed).</summary>
    public long CoherenceFlushes => Volatile.Read(ref _coherenceFlushCount);

    public void CoherenceFlushed(string reason)
    {
        Interlocked.Increment(ref _coherenceFlushCount);
        if (_coherenceFlushes.Enabled)
        {
            _coherenceFlushes.Add(1, new KeyValuePair<string, object?>("reason", reason));
        }
    }

    public void Lease(string result)
    {
        switch (result)
        {
            case "acquired":
                Interlocked.Increment(ref _leasesAcquired);
                break;
            case "arrived":
                Interlocked.Increment(ref _leaseValuesArrived);
                break;
            case "expired":
                Interlocked.Increment(ref _leaseWaitsExpired);
                break;
            case "busy":
                Interlocked.Increment(ref _leasesLeftToHolder);
                break;
            case "wait":
                Interlocked.Increment(ref _leaseWaits);
                break;
        }

        if (_leases.Enabled)
        {
            _leases.Add(1, new KeyValuePair<string, object?>("result", result));
        }
    }

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}

using System.Diagnostics.CodeAnalysis;
using System.Buffers;
using Microsoft.Extensions.Caching.Hybrid;
using Strata.Diagnostics;
using Strata.Serialization;

namespace Strata.Engine;

/// <summary>Reads: the synchronous L1 fast path, then one single-flight run per key for L2 and the factory.</summary>
internal sealed partial class CacheEngine
{
    public ValueTask<CacheResult<T>> GetOrCreateAsync<TState, T>(
        NamespaceState ns,
        string key,
        TState state,
        Func<TState, CancellationToken, ValueTask<T>> factory,
        StrataEntryOptions? options,
        HybridCacheEntryOptions? hybridOptions,
        IEnumerable<string>? tags,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var l1Key = new L1Key(ns, _keys.GetEffectiveKeyInValidNamespace(ns.Name, key));
        if (TryServeFromL1(l1Key, state, factory, options, hybridOptions, tags, out var entry, out var status, out var fallback))
        {
            return new ValueTask<CacheResult<T>>(ToResult<T>(entry, status, CacheTier.L1));
        }

        return JoinOrStartAsync(l1Key, state, factory, options, hybridOptions, tags, fallback, cancellationToken);
    }

    /// <summary>The HybridCache path: the same as <see cref="GetOrCreateAsync{TState, T}"/> but returning the value
    /// only, so an L1 hit builds nothing but the value (the 0-byte, within-2x-of-MemoryCache target).</summary>
    public ValueTask<T> GetOrCreateValueAsync<TState, T>(
        NamespaceState ns,
        string key,
        TState state,
        Func<TState, CancellationToken, ValueTask<T>> factory,
        HybridCacheEntryOptions? hybridOptions,
        IEnumerable<string>? tags,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var l1Key = new L1Key(ns, _keys.GetEffectiveKeyInValidNamespace(ns.Name, key));
        if (TryServeFromL1(l1Key, state, factory, null, hybridOptions, tags, out var entry, out _, out var fallback))
        {
            return new ValueTask<T>(ReadValue<T>(entry));
        }

        return AwaitValueAsync(JoinOrStartAsync(l1Key, state, factory, null, hybridOptions, tags, fallback, cancellationToken));
    }

    private static async ValueTask<T> AwaitValueAsync<T>(ValueTask<CacheResult<T>> pending) =>
        (await pending.ConfigureAwait(false)).Value;

    /// <summary>
    /// The synchronous L1 fast path: true with the entry to serve (fresh, or stale within its revalidation window,
    /// starting a background refresh when one is due and there is a <paramref name="factory"/>); false with the
    /// fallback a run may use (a valid entry past its revalidation window but within its stale horizon).
    /// </summary>
    private bool TryServeFromL1<TState, T>(
        L1Key l1Key,
        TState state,
        Func<TState, CancellationToken, ValueTask<T>>? factory,
        StrataEntryOptions? options,
        HybridCacheEntryOptions? hybridOptions,
        IEnumerable<string>? tags,
        [NotNullWhen(true)] out L1Entry? served,
        out CacheResultStatus status,
        out L1Entry? fallback)
    {
        served = null;
        status = CacheResultStatus.Hit;
        fallback = null;
        var flags = options?.Flags ?? hybridOptions?.Flags ?? _options.DefaultEntryOptions.Flags ?? HybridCacheEntryFlags.None;
        if ((flags & HybridCacheEntryFlags.DisableLocalCacheRead) != 0)
        {
            return false;
        }

        var now = _time.GetUtcNow().UtcTicks;
        if (_l1.TryGet(l1Key, now, out var entry) && entry.ValueType == typeof(T))
        {
            if (IsValid(entry, l1Key.Namespace))
            {
                if (now < entry.FreshUntilTicks && now < entry.LocalUntilTicks)
                {
                    if (factory is not null && (now >= entry.RefreshAtTicks || (entry.EarlyRefreshScaleTicks > 0 && IsEarlyRefreshDue(entry, now))))
                    {
                        StartBackgroundRefresh(l1Key, state, factory, options, hybridOptions, tags, entry);
                    }

                    Metrics.L1Hit(l1Key.Namespace.Name, entry.IsFailSafe);
                    served = entry;
                    status = entry.IsFailSafe ? CacheResultStatus.Stale : CacheResultStatus.Hit;
                    return true;
                }

                if (now >= entry.FreshUntilTicks && now < entry.RevalidateUntilTicks)
                {
                    if (factory is not null)
                    {
                        StartBackgroundRefresh(l1Key, state, factory, options, hybridOptions, tags, entry);
                    }

                    Metrics.L1Hit(l1Key.Namespace.Name, stale: true);
                    served = entry;
                    status = CacheResultStatus.Stale;
                    return true;
                }

                fallback = entry;
            }
            else
            {
                _l1.Remove(l1Key, entry);
            }
        }

        Metrics.L1Miss(l1Key.Namespace.Name);
        return false;
    }

    /// <summary>XFetch (Vattani et al.): refresh when <c>now - delta * beta * ln(rand) &gt;= expiry</c>. The chance
    /// rises smoothly towards expiry, and is higher for values that take longer to compute.</summary>
    internal bool IsEarlyRefreshDue(L1Entry entry, long now) =>
        now - (entry.EarlyRefreshScaleTicks * Math.Log(_random())) >= entry.FreshUntilTicks;

    private async ValueTask<CacheResult<T>> JoinOrStartAsync<TState, T>(
        L1Key key,
        TState state,
        Func<TState, CancellationToken, ValueTask<T>> factory,
        StrataEntryOptions? options,
        HybridCacheEntryOptions? hybridOptions,
        IEnumerable<string>? tags,
        L1Entry? fallback,
        CancellationToken cancellationToken)
    {
        // Validated before any run is registered: bad input must fail this caller, not leave a run nobody finishes.
        var resolved = Resolve(options, hybridOptions);
        var tagArray = NormalizeTags(tags);
        Flight flight;
        while (true)
        {
            if (_flights.TryGetValue(key, out var existing))
            {
                if (existing.PendingL2Write is { } pending)
                {
                    await pending.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
                    if (TryServeFromL1(key, state, factory, options, hybridOptions, tags, out var served, out var status, out fallback))
                    {
                        return ToResult<T>(served, status, CacheTier.L1);
                    }

                    continue;
                }

                flight = existing;
                break;
            }

            var created = new Flight(isBackground: false);
            if (_flights.TryAdd(key, created))
            {
                flight = created;
                _ = RunFlightAsync(created, key, state, factory, resolved, tagArray, fallback);
                break;
            }
        }

        var outcome = await WaitAsync(flight, cancellationToken).ConfigureAwait(false);
        if (!outcome.Found)
        {
            throw new InvalidOperationException($"The batched factory that was loading '{key}' returned no value for it.");
        }

        return ToResult<T>(outcome.Entry, outcome.Status, outcome.Tier);
    }

    private async ValueTask<FlightOutcome> WaitAsync(Flight flight, CancellationToken cancellationToken)
    {
        flight.AddWaiter();
        Metrics.WaiterAdded();
        try
        {
            return await flight.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            flight.RemoveWaiter();
            Metrics.WaiterRemoved();
        }
    }

    private void StartBackgroundRefresh<TState, T>(
        L1Key key,
        TState state,
        Func<TState, CancellationToken, ValueTask<T>> factory,
        StrataEntryOptions? options,
        HybridCacheEntryOptions? hybridOptions,
        IEnumerable<string>? tags,
        L1Entry current)
    {
        if (_flights.ContainsKey(key))
        {
            return;
        }

        // These options were valid when the entry was written by this same call site; validating again costs only here.
        var resolved = Resolve(options, hybridOptions);
        var tagArray = NormalizeTags(tags);
        var flight = new Flight(isBackground: true);
        if (!_flights.TryAdd(key, flight))
        {
            return;
        }

        // Off the caller's thread: a factory that blocks before its first await must not delay the hit being served.
        _ = Task.Run(() => RunFlightAsync(flight, key, state, factory, resolved, tagArray, current));
    }

    private async Task RunFlightAsync<TState, T>(
        Flight flight,
        L1Key key,
        TState state,
        Func<TState, CancellationToken, ValueTask<T>> factory,
        ResolvedOptions options,
        string[] tags,
        L1Entry? fallback)
    {
        try
        {
            if (_l2 is not null && !options.Has(HybridCacheEntryFlags.DisableDistributedCacheRead))
            {
                var fromL2 = await ReadL2Async<T>(key, options, flight.FactoryCancellation.Token).ConfigureAwait(false);
                if (fromL2 is not null)
                {
                    var now = _time.GetUtcNow().UtcTicks;
                    // A background refresh must not be satisfied by the very value it refreshes: only a newer L2 value
                    // counts. A foreground read (the L1 copy passed its local duration) takes any fresh L2 value.
                    var newer = !flight.IsBackground || fallback is null || fromL2.CreatedStamp > fallback.CreatedStamp;
                    if (newer && now < fromL2.FreshUntilTicks)
                    {
                        StoreL1(key, fromL2, options);
                        Metrics.L2Hit(key.Namespace.Name, stale: false);
                        Finish(flight, key, new FlightOutcome(fromL2, CacheResultStatus.Hit, CacheTier.L2));
                        return;
                    }

                    if (newer)
                    {
                        if (now < fromL2.RevalidateUntilTicks && !flight.IsBackground)
                        {
                            StoreL1(key, fromL2, options);
                            Metrics.L2Hit(key.Namespace.Name, stale: true);
                            flight.Completion.TrySetResult(new FlightOutcome(fromL2, CacheResultStatus.Stale, CacheTier.L2));
                        }

                        fallback = fromL2;
                    }
                }
                else
                {
                    Metrics.L2Miss(key.Namespace.Name);
                }
            }

            Metrics.Miss();
            if (options.Has(HybridCacheEntryFlags.DisableUnderlyingData))
            {
                Finish(flight, key, new FlightOutcome(TransientEntry<T>(default, tags), CacheResultStatus.Created, CacheTier.Factory));
                return;
            }

            LeaseRequest? lease = null;
            if (UsesLease(options))
            {
                var leased = await LeaseOrAwaitValueAsync<T>(flight, key, options, fallback).ConfigureAwait(false);
                if (leased.Arrived is { } arrived)
                {
                    StoreL1(key, arrived, options);
                    Metrics.L2Hit(key.Namespace.Name, stale: false);
                    Finish(flight, key, new FlightOutcome(arrived, CacheResultStatus.Hit, CacheTier.L2));
                    return;
                }

                if (leased.LeftToHolder)
                {
                    KeepDuringRemoteRefresh(flight, key, options, fallback!);
                    return;
                }

                lease = leased.Held;
            }

            try
            {
                await RunFactoryAsync(flight, key, state, factory, options, tags, fallback).ConfigureAwait(false);
            }
            finally
            {
                if (lease is not null)
                {
                    ReleaseLease(lease);
                }
            }
        }
        catch (Exception unexpected)
        {
            // Defensive: whatever went wrong, no waiter may hang on this run.
            Metrics.Error("engine", unexpected.GetType().Name);
            _flights.TryRemove(new KeyValuePair<L1Key, Flight>(key, flight));
            flight.Completion.TrySetException(unexpected);
        }
    }

    /// <summary>Calls the factory and stores its value (L1 at once, L2 before the run unregisters), or handles its
    /// failure (fail-safe, or the error to the waiters).</summary>
    private async Task RunFactoryAsync<TState, T>(
        Flight flight,
        L1Key key,
        TState state,
        Func<TState, CancellationToken, ValueTask<T>> factory,
        ResolvedOptions options,
        string[] tags,
        L1Entry? fallback)
    {
        // Stamped before the factory runs: an invalidation that lands while it runs may have been missed by the
        // data it read, so such an invalidation must win over this value.
        var createdStamp = Clock.Next();
        var started = _time.GetTimestamp();
        T value;
        try
        {
            value = await InvokeFactoryAsync(flight, key, state, factory, options, fallback).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            Metrics.FactoryCompleted(key.Namespace.Name, _time.GetElapsedTime(started), error is TimeoutException ? "timeout" : "error");
            OnFactoryFailed(flight, key, options, fallback, error);
            return;
        }

        var elapsed = _time.GetElapsedTime(started);
        Metrics.FactoryCompleted(key.Namespace.Name, elapsed, "success");
        var (entry, payload) = CreateEntry(key, state, value, options, tags, createdStamp, elapsed);
        var store = payload is not null && !flight.Superseded;
        if (store && !options.Has(HybridCacheEntryFlags.DisableLocalCacheWrite))
        {
            StoreL1(key, entry, options);
        }

        var outcome = new FlightOutcome(entry, CacheResultStatus.Created, CacheTier.Factory);
        if (!store || _l2 is null || options.Has(HybridCacheEntryFlags.DisableDistributedCacheWrite))
        {
            Finish(flight, key, outcome);
            return;
        }

        // Waiters are released now, but the run stays registered until its L2 write lands, so a RemoveAsync or
        // SetAsync meanwhile still marks it superseded — and then the value it may have put back is deleted.
        var pendingWrite = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        flight.PendingL2Write = pendingWrite;
        flight.Completion.TrySetResult(outcome);
        bool written;
        try
        {
            written = await WriteL2Async(key, entry, payload!, options, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _flights.TryRemove(new KeyValuePair<L1Key, Flight>(key, flight));
            pendingWrite.TrySetResult();
        }

        if (written && flight.Superseded)
        {
            await RemoveFromL2Async(key).ConfigureAwait(false);
        }
    }

    /// <summary>A background refresh found another node refreshing the key: the current value stays (without further
    /// early refreshes while fresh) until that node's value is heard as a change of the key.</summary>
    private void KeepDuringRemoteRefresh(Flight flight, L1Key key, ResolvedOptions options, L1Entry current)
    {
        if (!flight.Superseded && _time.GetUtcNow().UtcTicks < current.FreshUntilTicks)
        {
            StoreL1(key, CopyEntry(current, current.FreshUntilTicks, isFailSafe: current.IsFailSafe), options);
        }

        Finish(flight, key, new FlightOutcome(current, CacheResultStatus.Hit, CacheTier.L1));
    }

    private async Task<T> InvokeFactoryAsync<TState, T>(
        Flight flight,
        L1Key key,
        TState state,
        Func<TState, CancellationToken, ValueTask<T>> factory,
        ResolvedOptions options,
        L1Entry? fallback)
    {
        Task<T> run;
        try
        {
            run = factory(state, flight.FactoryCancellation.Token).AsTask();
        }
        catch (Exception error)
        {
            run = Task.FromException<T>(error);
        }

        if ((options.FactorySoftTimeout is null && options.FactoryHardTimeout is null) || run.IsCompleted)
        {
            return await run.ConfigureAwait(false);
        }

        using var timers = new CancellationTokenSource();
        Task? soft = options.FactorySoftTimeout is { } softTimeout ? Task.Delay(softTimeout, _time, timers.Token) : null;
        Task? hard = options.FactoryHardTimeout is { } hardTimeout ? Task.Delay(hardTimeout, _time, timers.Token) : null;
        try
        {
            while (!run.IsCompleted)
            {
                var next = await Task.WhenAny(soft is null ? hard is null ? [run] : [run, hard] : hard is null ? [run, soft] : [run, soft, hard]).ConfigureAwait(false);
                if (next == soft)
                {
                    soft = null;
                    StrataLog.FactoryTimedOut(_logger, key.Namespace.Name, key.Key, (long)options.FactorySoftTimeout!.Value.TotalMilliseconds, "soft");
                    if (fallback is not null && _time.GetUtcNow().UtcTicks < fallback.StaleUntilTicks && IsValid(fallback, key.Namespace))
                    {
                        // Callers get the stale value now; the factory keeps running and updates the cache when done.
                        ServeFailSafe(flight, key, options, fallback, error: null);
                    }

                    flight.OnSoftTimeoutElapsed();
                }
                else if (next == hard)
                {
                    StrataLog.FactoryTimedOut(_logger, key.Namespace.Name, key.Key, (long)options.FactoryHardTimeout!.Value.TotalMilliseconds, "hard");
                    await flight.FactoryCancellation.CancelAsync().ConfigureAwait(false);
                    throw new TimeoutException($"The factory for '{key}' did not complete within its hard timeout of {options.FactoryHardTimeout}.");
                }
            }

            return await run.ConfigureAwait(false);
        }
        finally
        {
            await timers.CancelAsync().ConfigureAwait(false);
        }
    }

    private void OnFactoryFailed(Flight flight, L1Key key, ResolvedOptions options, L1Entry? fallback, Exception error)
    {
        var now = _time.GetUtcNow().UtcTicks;
        var usable = fallback is not null && now < fallback.StaleUntilTicks && IsValid(fallback, key.Namespace);
        if (usable && flight.IsBackground && now < fallback!.FreshUntilTicks)
        {
            // An early refresh failed while the value is still fresh: keep it, without further early refreshes, so a
            // failing source is not called again on every read.
            if (!flight.Superseded)
            {
                StoreL1(key, CopyEntry(fallback, fallback.FreshUntilTicks, isFailSafe: fallback.IsFailSafe), options);
            }

            StrataLog.BackgroundRefreshFailed(_logger, key.Namespace.Name, key.Key, error);
            Finish(flight, key, new FlightOutcome(fallback, CacheResultStatus.Hit, CacheTier.L1));
            return;
        }

        if (usable && (options.FailSafeEnabled || flight.IsBackground || now < fallback!.RevalidateUntilTicks))
        {
            ServeFailSafe(flight, key, options, fallback!, error);
            _flights.TryRemove(new KeyValuePair<L1Key, Flight>(key, flight));
            return;
        }

        if (flight.IsBackground)
        {
            StrataLog.BackgroundRefreshFailed(_logger, key.Namespace.Name, key.Key, error);
        }

        _flights.TryRemove(new KeyValuePair<L1Key, Flight>(key, flight));
        flight.Completion.TrySetException(error);
    }

    /// <summary>Answers the waiters with the stale fallback and holds it in L1 (flagged stale) until the throttle
    /// passes, so the failing source is not retried before then.</summary>
    private void ServeFailSafe(Flight flight, L1Key key, ResolvedOptions options, L1Entry fallback, Exception? error)
    {
        var now = _time.GetUtcNow().UtcTicks;
        var holdUntil = Math.Min(now + options.FailSafeThrottle.Ticks, fallback.StaleUntilTicks);
        var held = CopyEntry(fallback, holdUntil, isFailSafe: true);
        if (!flight.Superseded && !options.Has(HybridCacheEntryFlags.DisableLocalCacheWrite))
        {
            StoreL1(key, held, options);
        }

        StrataLog.FailSafeActivated(_logger, key.Namespace.Name, key.Key, new DateTimeOffset(holdUntil, TimeSpan.Zero), error);
        Metrics.Error("factory", error is null ? "soft-timeout" : error is TimeoutException ? "timeout" : "error");
        flight.Completion.TrySetResult(new FlightOutcome(held, CacheResultStatus.Stale, CacheTier.L1));
    }

    private void Finish(Flight flight, L1Key key, FlightOutcome outcome)
    {
        // Removed before completing: a caller arriving after the waiters are released must find L1, not this run.
        _flights.TryRemove(new KeyValuePair<L1Key, Flight>(key, flight));
        flight.Completion.TrySetResult(outcome);
    }

    private CacheResult<T> ToResult<T>(L1Entry entry, CacheResultStatus status, CacheTier tier) =>
        new(
            ReadValue<T>(entry),
            status,
            tier,
            new DateTimeOffset(entry.CreatedAtTicks, TimeSpan.Zero),
            new DateTimeOffset(entry.FreshUntilTicks, TimeSpan.Zero),
            entry.ETag);

    /// <summary>The entry's value for this caller: the shared instance of an immutable type, a fresh copy otherwise.</summary>
    private T ReadValue<T>(L1Entry entry)
    {
        T value;
        if (entry.Payload is { } payload && (!ImmutableTypes<T>.IsImmutable || entry.ValueType != typeof(T)))
        {
            value = _serializers.Get<T>().Deserialize(new ReadOnlySequence<byte>(payload));
        }
        else if (entry.Value is T typed)
        {
            value = typed;
        }
        else if (entry.Value is null && entry.ValueType == typeof(T))
        {
            value = default!;
        }
        else
        {
            throw new InvalidOperationException($"The cache key is used with two types: {entry.ValueType} and {typeof(T)}.");
        }

        return value;
    }

    private void StoreL1(L1Key key, L1Entry entry, ResolvedOptions options)
    {
        if (!options.Has(HybridCacheEntryFlags.DisableLocalCacheWrite))
        {
            _l1.Set(key, entry, entry.Weight, entry.StaleUntilTicks);
        }
    }

    /// <summary>Merges a call's options over the defaults, validating them first (on the slow path only: an L1 hit
    /// never gets here, so validation costs nothing on hits).</summary>
    private ResolvedOptions Resolve(StrataEntryOptions? options, HybridCacheEntryOptions? hybridOptions)
    {
        options?.Validate();
        if (hybridOptions is not null)
        {
            if (hybridOptions.Expiration is { } expiration && expiration <= TimeSpan.Zero)
            {
                throw new ArgumentException($"HybridCacheEntryOptions.Expiration must be positive, was {expiration}.", nameof(hybridOptions));
            }

            if (hybridOptions.LocalCacheExpiration is { } local && local <= TimeSpan.Zero)
            {
                throw new ArgumentException($"HybridCacheEntryOptions.LocalCacheExpiration must be positive, was {local}.", nameof(hybridOptions));
            }
        }

        return ResolvedOptions.Resolve(options, hybridOptions, _options.DefaultEntryOptions);
    }

    private static string[] NormalizeTags(IEnumerable<string>? tags)
    {
        if (tags is null)
        {
            return [];
        }

        var set = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            if (string.IsNullOrWhiteSpace(tag))
            {
                throw new ArgumentException("A tag must not be null, empty or whitespace.", nameof(tags));
            }

            if (tag == "*")
            {
                throw new ArgumentException("The tag \"*\" means \"every entry\" and cannot be attached to an entry.", nameof(tags));
            }

            set.Add(tag);
        }

        return set.Count == 0 ? [] : [.. set];
    }
}

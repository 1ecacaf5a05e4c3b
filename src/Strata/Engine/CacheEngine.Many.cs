using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Caching.Hybrid;

namespace Strata.Engine;

/// <summary>Reads without a factory, and batch operations: one L2 round trip and one factory call for many keys.</summary>
internal sealed partial class CacheEngine
{
    public async ValueTask<CacheResult<T>?> TryGetAsync<T>(NamespaceState ns, string key, StrataEntryOptions? options, CancellationToken cancellationToken)
    {
        var l1Key = new L1Key(ns, _keys.GetEffectiveKeyInValidNamespace(ns.Name, key));
        var resolved = Resolve(options, null);
        if (TryReadL1<T>(l1Key, options, out var hit))
        {
            return hit;
        }

        if (_l2 is null || resolved.Has(HybridCacheEntryFlags.DisableDistributedCacheRead))
        {
            Metrics.Miss();
            return null;
        }

        var entry = await ReadL2Async<T>(l1Key, resolved, cancellationToken).ConfigureAwait(false);
        return FromL2<T>(l1Key, entry, resolved);
    }

    public async ValueTask<IReadOnlyDictionary<string, T>> GetManyAsync<T>(NamespaceState ns, IEnumerable<string> keys, StrataEntryOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var resolved = Resolve(options, null);
        var found = new Dictionary<string, T>(StringComparer.Ordinal);
        var missing = new List<(string Key, L1Key L1Key)>();
        foreach (var key in keys.Distinct(StringComparer.Ordinal))
        {
            var l1Key = new L1Key(ns, _keys.GetEffectiveKeyInValidNamespace(ns.Name, key));
            if (TryReadL1<T>(l1Key, options, out var hit))
            {
                found[key] = hit.Value.Value;
            }
            else
            {
                missing.Add((key, l1Key));
            }
        }

        if (missing.Count == 0 || _l2 is null || resolved.Has(HybridCacheEntryFlags.DisableDistributedCacheRead))
        {
            return found;
        }

        var entries = await ReadManyL2Async<T>(missing.ConvertAll(static m => m.L1Key), resolved, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < missing.Count; i++)
        {
            if (FromL2<T>(missing[i].L1Key, entries[i], resolved) is { } result)
            {
                found[missing[i].Key] = result.Value;
            }
        }

        return found;
    }

    public async ValueTask SetManyAsync<T>(
        NamespaceState ns,
        IEnumerable<KeyValuePair<string, T>> items,
        StrataEntryOptions? options,
        IEnumerable<string>? tags,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        var resolved = Resolve(options, null);
        var tagArray = NormalizeTags(tags);

        // Everything is validated and serialized before anything is stored: bad input stores nothing.
        var prepared = new List<(L1Key Key, T Value, byte[] Payload)>();
        foreach (var (key, value) in items)
        {
            var l1Key = new L1Key(ns, _keys.GetEffectiveKeyInValidNamespace(ns.Name, key));
            var payload = Serialize(value);
            if (payload.Length > _options.MaximumPayloadBytes)
            {
                throw new ArgumentException(
                    $"The value for '{key}' serializes to {payload.Length} bytes, above StrataCacheOptions.MaximumPayloadBytes ({_options.MaximumPayloadBytes}); nothing was stored.",
                    nameof(items));
            }

            prepared.Add((l1Key, value, payload));
        }

        var writes = new List<DistributedWrite>(prepared.Count);
        foreach (var (l1Key, value, payload) in prepared)
        {
            var (entry, stored) = CreateEntry(l1Key, value, value, resolved, tagArray, Clock.Next(), TimeSpan.Zero, payload);
            SupersedeFlight(l1Key);
            if (stored is null)
            {
                _l1.Remove(l1Key);
                continue;
            }

            StoreL1(l1Key, entry, resolved);
            writes.Add(ToWrite(l1Key, entry, stored, resolved));
        }

        if (_l2 is not null && writes.Count > 0 && !resolved.Has(HybridCacheEntryFlags.DisableDistributedCacheWrite))
        {
            await WriteManyL2Async(ns, writes, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Loads many keys: L1 hits are answered at once; keys another caller is already loading are joined; the rest
    /// are read from L2 in one round trip and the remainder produced by ONE factory call. Keys the factory does not
    /// return are absent from the result (and not cached).
    /// </summary>
    public async ValueTask<IReadOnlyDictionary<string, T>> GetOrCreateManyAsync<TState, T>(
        NamespaceState ns,
        IEnumerable<string> keys,
        TState state,
        Func<TState, IReadOnlyList<string>, CancellationToken, ValueTask<IReadOnlyDictionary<string, T>>> factory,
        StrataEntryOptions? options,
        IEnumerable<string>? tags,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(factory);
        var resolved = Resolve(options, null);
        var tagArray = NormalizeTags(tags);
        var found = new Dictionary<string, T>(StringComparer.Ordinal);
        var waiting = new List<(string Key, Flight Flight)>();
        var owned = new List<(string Key, L1Key L1Key, Flight Flight, L1Entry? Fallback)>();
        foreach (var key in keys.Distinct(StringComparer.Ordinal))
        {
            var l1Key = new L1Key(ns, _keys.GetEffectiveKeyInValidNamespace(ns.Name, key));
            if (TryServeFromL1<int, T>(l1Key, 0, null, options, null, null, out var entry, out var status, out var fallback))
            {
                if (status == CacheResultStatus.Hit)
                {
                    found[key] = ReadValue<T>(entry);
                    continue;
                }

                // Stale: reloaded with the batch, and kept as the fallback should the batched factory fail.
                fallback = entry;
            }

            while (true)
            {
                if (_flights.TryGetValue(l1Key, out var running))
                {
                    waiting.Add((key, running));
                    break;
                }

                var flight = new Flight(isBackground: false);
                if (_flights.TryAdd(l1Key, flight))
                {
                    owned.Add((key, l1Key, flight, fallback));
                    waiting.Add((key, flight));
                    break;
                }
            }
        }

        if (owned.Count > 0)
        {
            _ = RunBatchAsync(owned, state, factory, resolved, tagArray);
        }

        foreach (var (key, flight) in waiting)
        {
            var outcome = await WaitAsync(flight, cancellationToken).ConfigureAwait(false);
            if (outcome.Found)
            {
                found[key] = ToResult<T>(outcome.Entry, outcome.Status, outcome.Tier).Value;
            }
        }

        return found;
    }

    private async Task RunBatchAsync<TState, T>(
        List<(string Key, L1Key L1Key, Flight Flight, L1Entry? Fallback)> owned,
        TState state,
        Func<TState, IReadOnlyList<string>, CancellationToken, ValueTask<IReadOnlyDictionary<string, T>>> factory,
        ResolvedOptions options,
        string[] tags)
    {
        var remaining = owned;
        try
        {
            if (_l2 is not null && !options.Has(HybridCacheEntryFlags.DisableDistributedCacheRead))
            {
                var entries = await ReadManyL2Async<T>(owned.ConvertAll(static o => o.L1Key), options, CancellationToken.None).ConfigureAwait(false);
                var now = _time.GetUtcNow().UtcTicks;
                remaining = [];
                for (var i = 0; i < owned.Count; i++)
                {
                    if (entries[i] is { } entry && now < entry.FreshUntilTicks)
                    {
                        StoreL1(owned[i].L1Key, entry, options);
                        Metrics.L2Hit(owned[i].L1Key.Namespace.Name, stale: false);
                        Finish(owned[i].Flight, owned[i].L1Key, new FlightOutcome(entry, CacheResultStatus.Hit, CacheTier.L2));
                    }
                    else
                    {
                        Metrics.L2Miss(owned[i].L1Key.Namespace.Name);
                        remaining.Add(owned[i]);
                    }
                }
            }

            if (remaining.Count == 0)
            {
                return;
            }

            foreach (var _ in remaining)
            {
                Metrics.Miss();
            }

            var createdStamp = Clock.Next();
            var started = _time.GetTimestamp();
            IReadOnlyDictionary<string, T> values;
            try
            {
                using var cancellation = new CancellationTokenSource();
                values = await factory(state, remaining.ConvertAll(static r => r.Key), cancellation.Token).ConfigureAwait(false)
                    ?? throw new InvalidOperationException("The batched factory returned null instead of a dictionary.");
            }
            catch (Exception error)
            {
                Metrics.FactoryCompleted(remaining[0].L1Key.Namespace.Name, _time.GetElapsedTime(started), "error");
                foreach (var (_, l1Key, flight, fallback) in remaining)
                {
                    OnFactoryFailed(flight, l1Key, options, fallback, error);
                }

                return;
            }

            var elapsed = _time.GetElapsedTime(started);
            Metrics.FactoryCompleted(remaining[0].L1Key.Namespace.Name, elapsed, "success");
            var writes = new List<DistributedWrite>(remaining.Count);
            var writers = new List<(L1Key Key, Flight Flight)>(remaining.Count);
            foreach (var (key, l1Key, flight, _) in remaining)
            {
                if (!values.TryGetValue(key, out var value))
                {
                    Finish(flight, l1Key, new FlightOutcome(TransientEntry<T>(default, tags), CacheResultStatus.Created, CacheTier.Factory, Found: false));
                    continue;
                }

                var (entry, payload) = CreateEntry(l1Key, state, value, options, tags, createdStamp, elapsed);
                var store = payload is not null && !flight.Superseded;
                var outcome = new FlightOutcome(entry, CacheResultStatus.Created, CacheTier.Factory);
                if (store)
                {
                    StoreL1(l1Key, entry, options);
                }

                if (store && _l2 is not null && !options.Has(HybridCacheEntryFlags.DisableDistributedCacheWrite))
                {
                    // As for single runs: registered until the L2 write lands, so a removal meanwhile supersedes it.
                    writes.Add(ToWrite(l1Key, entry, payload!, options));
                    writers.Add((l1Key, flight));
                    flight.Completion.TrySetResult(outcome);
                }
                else
                {
                    Finish(flight, l1Key, outcome);
                }
            }

            if (writes.Count > 0)
            {
                var written = await WriteManyL2Async(owned[0].L1Key.Namespace, writes, CancellationToken.None).ConfigureAwait(false);
                foreach (var (l1Key, flight) in writers)
                {
                    _flights.TryRemove(new KeyValuePair<L1Key, Flight>(l1Key, flight));
                    if (written && flight.Superseded)
                    {
                        await RemoveFromL2Async(l1Key).ConfigureAwait(false);
                    }
                }
            }
        }
        catch (Exception unexpected)
        {
            Metrics.Error("engine", unexpected.GetType().Name);
            foreach (var (_, l1Key, flight, _) in owned)
            {
                _flights.TryRemove(new KeyValuePair<L1Key, Flight>(l1Key, flight));
                flight.Completion.TrySetException(unexpected);
            }
        }
    }

    /// <summary>An L1 read without a factory: fresh is a hit, stale within the revalidation window is a stale hit
    /// (nothing to refresh it with).</summary>
    private bool TryReadL1<T>(L1Key key, StrataEntryOptions? options, [NotNullWhen(true)] out CacheResult<T>? result)
    {
        if (TryServeFromL1<int, T>(key, 0, null, options, null, null, out var entry, out var status, out _))
        {
            result = ToResult<T>(entry, status, CacheTier.L1);
            return true;
        }

        result = null;
        return false;
    }

    private CacheResult<T>? FromL2<T>(L1Key key, L1Entry? entry, ResolvedOptions options)
    {
        if (entry is null)
        {
            Metrics.L2Miss(key.Namespace.Name);
            Metrics.Miss();
            return null;
        }

        var now = _time.GetUtcNow().UtcTicks;
        if (now < entry.FreshUntilTicks)
        {
            StoreL1(key, entry, options);
            Metrics.L2Hit(key.Namespace.Name, stale: false);
            return ToResult<T>(entry, CacheResultStatus.Hit, CacheTier.L2);
        }

        if (now < entry.RevalidateUntilTicks)
        {
            StoreL1(key, entry, options);
            Metrics.L2Hit(key.Namespace.Name, stale: true);
            return ToResult<T>(entry, CacheResultStatus.Stale, CacheTier.L2);
        }

        Metrics.L2Miss(key.Namespace.Name);
        Metrics.Miss();
        return null;
    }

    private async ValueTask<L1Entry?[]> ReadManyL2Async<T>(List<L1Key> keys, ResolvedOptions options, CancellationToken cancellationToken)
    {
        var fullKeys = keys.ConvertAll(FullKey);
        var (ok, values) = await _l2!.ExecuteAsync("get-many", fullKeys, static (tier, k, c) => tier.GetManyAsync(k, c), cancellationToken).ConfigureAwait(false);
        var entries = new L1Entry?[keys.Count];
        if (!ok || values is null || values.Length != keys.Count)
        {
            return entries;
        }

        for (var i = 0; i < keys.Count; i++)
        {
            if (values[i] is { } bytes)
            {
                entries[i] = await DecodeAsync<T>(keys[i], fullKeys[i], bytes, options, cancellationToken).ConfigureAwait(false);
            }
        }

        return entries;
    }

    private DistributedWrite ToWrite(L1Key key, L1Entry entry, byte[] payload, ResolvedOptions options)
    {
        var envelope = new Envelopes.Envelope(
            entry.CreatedStamp,
            entry.CreatedAtTicks,
            entry.FreshUntilTicks,
            entry.StaleUntilTicks,
            entry.FactoryDurationTicks,
            Envelopes.EnvelopeCodec.SerializerIdOf(_serializers.GetResolved(entry.ValueType)),
            entry.ETag!,
            entry.Tags,
            payload);
        var compression = options.Has(HybridCacheEntryFlags.DisableCompression) ? 0 : _options.CompressionThresholdBytes;
        return new DistributedWrite(FullKey(key), Envelopes.EnvelopeCodec.Encode(envelope, compression), new DateTimeOffset(entry.StaleUntilTicks, TimeSpan.Zero));
    }

    private async ValueTask<bool> WriteManyL2Async(NamespaceState ns, List<DistributedWrite> writes, CancellationToken cancellationToken)
    {
        var (ok, _) = await _l2!.ExecuteAsync(
            "set-many",
            writes,
            static async (tier, w, c) =>
            {
                await tier.SetManyAsync(w, c).ConfigureAwait(false);
                return true;
            },
            cancellationToken).ConfigureAwait(false);
        if (!ok)
        {
            foreach (var write in writes)
            {
                Journal(write.Key, ns);
            }
        }

        ThrowIfRequested(ok, "SetManyAsync", ns.Name);
        return ok;
    }
}

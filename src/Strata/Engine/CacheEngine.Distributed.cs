using System.Buffers;
using Microsoft.Extensions.Caching.Hybrid;
using Strata.Diagnostics;
using Strata.Envelopes;
using Strata.Serialization;

namespace Strata.Engine;

/// <summary>L2 reads and writes: envelopes, stamps, corrupt-value handling.</summary>
internal sealed partial class CacheEngine
{
    private async ValueTask<L1Entry?> ReadL2Async<T>(L1Key key, ResolvedOptions options, CancellationToken cancellationToken)
    {
        var fullKey = FullKey(key);
        var (ok, bytes) = await _l2!.ExecuteAsync("get", fullKey, static (tier, k, c) => tier.GetAsync(k, c), cancellationToken).ConfigureAwait(false);
        if (!ok || bytes is null)
        {
            return null;
        }

        return await DecodeAsync<T>(key, fullKey, bytes, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Turns L2 bytes into an L1 entry, or null when they are expired, invalidated, unreadable (removed and
    /// counted), or cannot be checked against invalidations right now.</summary>
    private async ValueTask<L1Entry?> DecodeAsync<T>(L1Key key, string fullKey, byte[] bytes, ResolvedOptions options, CancellationToken cancellationToken)
    {
        if (!EnvelopeCodec.TryDecode(bytes, out var envelope, out var error))
        {
            DiscardCorrupt(fullKey, error!);
            return null;
        }

        var serializer = _serializers.Get<T>();
        // Id 0 marks a value written outside Strata (a tier's plain-JSON compatibility mode): any serializer may try it.
        if (envelope.SerializerId != EnvelopeCodec.ForeignSerializerId && envelope.SerializerId != EnvelopeCodec.SerializerIdOf(serializer))
        {
            DiscardCorrupt(fullKey, $"written by another serializer than {serializer.GetType().Name}");
            return null;
        }

        if (_time.GetUtcNow().UtcTicks >= envelope.StaleUntilTicks)
        {
            return null;
        }

        if (!await EnsureStampsKnownAsync(key.Namespace, envelope.Tags, cancellationToken).ConfigureAwait(false)
            || !IsValidStamp(envelope.CreatedStamp, key.Namespace, envelope.Tags))
        {
            return null;
        }

        T value;
        try
        {
            value = serializer.Deserialize(new ReadOnlySequence<byte>(envelope.Payload));
        }
        catch (Exception deserializeError)
        {
            DiscardCorrupt(fullKey, $"{typeof(T)} could not be deserialized: {deserializeError.Message}");
            return null;
        }

        var now = _time.GetUtcNow().UtcTicks;
        var payload = ImmutableTypes<T>.IsImmutable ? null : envelope.Payload.ToArray();
        return new L1Entry
        {
            Value = ImmutableTypes<T>.IsImmutable ? value : null,
            Payload = payload,
            ValueType = typeof(T),
            CreatedStamp = envelope.CreatedStamp,
            CreatedAtTicks = envelope.CreatedAtTicks,
            FreshUntilTicks = envelope.FreshUntilTicks,
            RevalidateUntilTicks = Math.Min(envelope.FreshUntilTicks + options.StaleWhileRevalidate.Ticks, envelope.StaleUntilTicks),
            StaleUntilTicks = envelope.StaleUntilTicks,
            LocalUntilTicks = options.LocalDuration is { } local ? Math.Min(now + local.Ticks, envelope.FreshUntilTicks) : envelope.FreshUntilTicks,
            RefreshAtTicks = options.EarlyRefreshFraction is { } fraction
                ? envelope.CreatedAtTicks + (long)((envelope.FreshUntilTicks - envelope.CreatedAtTicks) * fraction)
                : long.MaxValue,
            EarlyRefreshScaleTicks = options.EarlyRefreshBeta * envelope.FactoryDurationTicks,
            Tags = envelope.Tags,
            ETag = envelope.ETag,
            IsFailSafe = false,
            SharedWithL2 = true,
            FactoryDurationTicks = envelope.FactoryDurationTicks,
            Weight = options.Size ?? (envelope.Payload.Length + (key.Key.Length * 2L) + EntryOverheadBytes),
        };
    }

    private bool IsValidStamp(long created, NamespaceState ns, string[] tags)
    {
        if (created <= _globalStamp.Stamp || created <= ns.Stamp.Stamp)
        {
            return false;
        }

        foreach (var tag in tags)
        {
            if (_tagStamps.TryGetValue(tag, out var cell) && created <= cell.Stamp)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Fetches (once) the stamps an L2 entry must be checked against; false when L2 cannot tell us.</summary>
    private async ValueTask<bool> EnsureStampsKnownAsync(NamespaceState ns, string[] tags, CancellationToken cancellationToken)
    {
        List<StampCell>? unknown = null;
        if (!_globalStamp.Known)
        {
            (unknown ??= []).Add(_globalStamp);
        }

        if (!ns.Stamp.Known)
        {
            (unknown ??= []).Add(ns.Stamp);
        }

        foreach (var tag in tags)
        {
            var cell = GetTagCell(tag);
            if (!cell.Known)
            {
                (unknown ??= []).Add(cell);
            }
        }

        if (unknown is null)
        {
            return true;
        }

        var keys = unknown.ConvertAll(static c => c.StorageKey);
        var (ok, stamps) = await _l2!.ExecuteAsync("get-stamps", keys, static (tier, k, c) => tier.GetStampsAsync(k, c), cancellationToken).ConfigureAwait(false);
        if (!ok || stamps is null || stamps.Length != unknown.Count)
        {
            return false;
        }

        var tagChanged = false;
        for (var i = 0; i < unknown.Count; i++)
        {
            if (stamps[i] > 0)
            {
                Clock.Observe(stamps[i]);
                tagChanged |= unknown[i].Raise(stamps[i]) && unknown[i] != _globalStamp && unknown[i] != ns.Stamp;
            }

            unknown[i].Known = true;
        }

        if (tagChanged)
        {
            Interlocked.Increment(ref _tagEpoch);
        }

        return true;
    }

    private async ValueTask<bool> WriteL2Async(L1Key key, L1Entry entry, byte[] payload, ResolvedOptions options, CancellationToken cancellationToken)
    {
        var write = ToWrite(key, entry, payload, options);
        var (ok, _) = await _l2!.ExecuteAsync(
            "set",
            write,
            static async (tier, w, c) =>
            {
                await tier.SetAsync(w.Key, w.Value, w.ExpiresAt, c).ConfigureAwait(false);
                return true;
            },
            cancellationToken).ConfigureAwait(false);
        if (!ok)
        {
            Journal(write.Key, key.Namespace);
        }

        return ok;
    }

    /// <summary>Deletes a key from L2 only (L1 already holds the newer state); journaled when L2 is unreachable.</summary>
    private async ValueTask RemoveFromL2Async(L1Key key)
    {
        var fullKey = FullKey(key);
        var (ok, _) = await _l2!.ExecuteAsync("remove", fullKey, static async (tier, k, c) =>
        {
            await tier.RemoveAsync([k], c).ConfigureAwait(false);
            return true;
        }, CancellationToken.None).ConfigureAwait(false);
        if (!ok)
        {
            Journal(fullKey, key.Namespace);
        }
    }

    private void Journal(string fullKey, NamespaceState ns)
    {
        _l2!.Journal.AddKey(fullKey, ns.Stamp.StorageKey);
        _l2.MarkJournalPending();
    }

    private void DiscardCorrupt(string fullKey, string reason)
    {
        Metrics.Error("l2", "corrupt");
        StrataLog.CorruptEntry(_logger, fullKey, reason);
        _ = _l2!.ExecuteAsync("remove", fullKey, static async (tier, k, c) =>
        {
            await tier.RemoveAsync([k], c).ConfigureAwait(false);
            return true;
        }, CancellationToken.None).AsTask();
    }
}

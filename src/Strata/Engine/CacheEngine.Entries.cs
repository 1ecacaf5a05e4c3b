using System.Buffers;
using Strata.Diagnostics;
using Strata.Envelopes;
using Strata.Policies;
using Strata.Serialization;

namespace Strata.Engine;

/// <summary>Building entries: serialization, size checks, the entry's times (duration, adjusters, jitter).</summary>
internal sealed partial class CacheEngine
{
    /// <summary>Serializes a value and computes its times. The payload is null when the value cannot be cached
    /// (serialization failed, too large, or an adjuster set a zero duration); the entry is then transient.</summary>
    private (L1Entry Entry, byte[]? Payload) CreateEntry<TState, T>(
        L1Key key,
        TState state,
        T value,
        ResolvedOptions options,
        string[] tags,
        long createdStamp,
        TimeSpan factoryDuration,
        byte[]? serialized = null)
    {
        byte[] payload;
        try
        {
            payload = serialized ?? Serialize(value);
        }
        catch (Exception error)
        {
            Metrics.Error("serializer", error.GetType().Name);
            StrataLog.DistributedFailed(_logger, "serializer", $"serialize {typeof(T)}", error);
            return (TransientEntry(value, tags), null);
        }

        if (payload.Length > _options.MaximumPayloadBytes)
        {
            Metrics.Error("l1", "oversize");
            StrataLog.OversizeValue(_logger, key.Namespace.Name, key.Key, payload.Length, _options.MaximumPayloadBytes);
            return (TransientEntry(value, tags), null);
        }

        var now = _time.GetUtcNow();
        var duration = options.Duration;
        if (options.Adjusters is { Count: > 0 } adjusters)
        {
            var context = new CacheDurationContext(options.PolicyName ?? string.Empty, key.Namespace.Name, key.Key, state, value, now);
            foreach (var adjuster in adjusters)
            {
                duration = adjuster.Adjust(context, duration);
            }

            if (duration <= TimeSpan.Zero)
            {
                // An adjuster may decide a result is not worth caching (e.g. an empty search result).
                return (TransientEntry(value, tags), null);
            }
        }

        if (options.Jitter > TimeSpan.Zero)
        {
            duration += TimeSpan.FromTicks((long)(options.Jitter.Ticks * (1.0 - _random())));
        }

        return (BuildEntry(value, payload, createdStamp, now.UtcTicks, duration, options, tags, factoryDuration.Ticks, EnvelopeCodec.ComputeETag(payload), key), payload);
    }

    private L1Entry BuildEntry<T>(
        T value,
        byte[] payload,
        long createdStamp,
        long nowTicks,
        TimeSpan duration,
        ResolvedOptions options,
        string[] tags,
        long factoryDurationTicks,
        string etag,
        L1Key key)
    {
        var freshUntil = nowTicks + duration.Ticks;
        var revalidateUntil = freshUntil + options.StaleWhileRevalidate.Ticks;
        var staleUntil = freshUntil + Math.Max(options.FailSafeMaxStale.Ticks, options.StaleWhileRevalidate.Ticks);
        return new L1Entry
        {
            Value = ImmutableTypes<T>.IsImmutable ? value : null,
            Payload = ImmutableTypes<T>.IsImmutable ? null : payload,
            ValueType = typeof(T),
            CreatedStamp = createdStamp,
            CreatedAtTicks = nowTicks,
            FreshUntilTicks = freshUntil,
            RevalidateUntilTicks = revalidateUntil,
            StaleUntilTicks = staleUntil,
            LocalUntilTicks = options.LocalDuration is { } local ? Math.Min(nowTicks + local.Ticks, freshUntil) : freshUntil,
            RefreshAtTicks = options.EarlyRefreshFraction is { } fraction ? nowTicks + (long)(duration.Ticks * fraction) : long.MaxValue,
            EarlyRefreshScaleTicks = options.EarlyRefreshBeta * factoryDurationTicks,
            Tags = tags,
            ETag = etag,
            IsFailSafe = false,
            SharedWithL2 = _l2 is not null && !options.Has(Microsoft.Extensions.Caching.Hybrid.HybridCacheEntryFlags.DisableDistributedCache),
            FactoryDurationTicks = factoryDurationTicks,
            Weight = options.Size ?? (payload.Length + (key.Key.Length * 2L) + EntryOverheadBytes),
        };
    }

    private byte[] Serialize<T>(T value)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        _serializers.Get<T>().Serialize(value, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>An entry that is handed to waiters but never stored.</summary>
    private L1Entry TransientEntry<T>(T? value, string[] tags)
    {
        var now = _time.GetUtcNow().UtcTicks;
        return new L1Entry
        {
            Value = value,
            Payload = null,
            ValueType = typeof(T),
            CreatedStamp = 0,
            CreatedAtTicks = now,
            FreshUntilTicks = now,
            RevalidateUntilTicks = now,
            StaleUntilTicks = now,
            LocalUntilTicks = now,
            RefreshAtTicks = long.MaxValue,
            EarlyRefreshScaleTicks = 0,
            Tags = tags,
            ETag = null,
            IsFailSafe = false,
            SharedWithL2 = false,
            FactoryDurationTicks = 0,
            Weight = 1,
        };
    }

    /// <summary>The same value held until <paramref name="freshUntil"/>, without early refresh.</summary>
    private static L1Entry CopyEntry(L1Entry source, long freshUntil, bool isFailSafe) => new()
    {
        Value = source.Value,
        Payload = source.Payload,
        ValueType = source.ValueType,
        CreatedStamp = source.CreatedStamp,
        CreatedAtTicks = source.CreatedAtTicks,
        FreshUntilTicks = freshUntil,
        RevalidateUntilTicks = freshUntil,
        StaleUntilTicks = source.StaleUntilTicks,
        LocalUntilTicks = freshUntil,
        RefreshAtTicks = long.MaxValue,
        EarlyRefreshScaleTicks = 0,
        Tags = source.Tags,
        ETag = source.ETag,
        IsFailSafe = isFailSafe,
        SharedWithL2 = source.SharedWithL2,
        FactoryDurationTicks = source.FactoryDurationTicks,
        Weight = source.Weight,
    };
}

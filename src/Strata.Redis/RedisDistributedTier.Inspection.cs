using System.Collections.Frozen;

namespace Strata.Redis;

/// <summary>The admin API's view of Redis: a handful of INFO fields and a bounded SCAN sample with TTLs.</summary>
public sealed partial class RedisDistributedTier
{
    // The INFO fields an operator looks at first; the rest of INFO stays one redis-cli away.
    private static readonly FrozenSet<string> InfoFields = FrozenSet.ToFrozenSet(
    [
        "redis_version", "redis_mode", "uptime_in_seconds", "connected_clients", "blocked_clients", "tracking_clients",
        "used_memory", "used_memory_human", "used_memory_peak_human", "maxmemory", "maxmemory_policy",
        "keyspace_hits", "keyspace_misses", "evicted_keys", "expired_keys", "total_commands_processed",
        "instantaneous_ops_per_sec", "role", "connected_slaves",
    ], StringComparer.Ordinal);

    /// <inheritdoc />
    public async ValueTask<IReadOnlyDictionary<string, string>> GetServerInfoAsync(CancellationToken cancellationToken = default)
    {
        var text = await _client.InfoAsync(null, cancellationToken).ConfigureAwait(false);
        var info = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.TrimEnd('\r');
            var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || trimmed.StartsWith('#'))
            {
                continue;
            }

            var name = trimmed[..colon];
            // Keyspace lines ("db0:keys=12,expires=3,avg_ttl=0") are kept whole: they are how many keys there are.
            if (InfoFields.Contains(name) || name.StartsWith("db", StringComparison.Ordinal) && name.Length > 2 && char.IsAsciiDigit(name[2]))
            {
                info[name] = trimmed[(colon + 1)..];
            }
        }

        info["coherence"] = ActiveCoherence.ToString();
        return info;
    }

    /// <inheritdoc />
    public async ValueTask<DistributedKeySample> SampleKeysAsync(string prefix, string? match, int limit, int scanBudget, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scanBudget);
        var pattern = EscapeGlob(prefix) + (string.IsNullOrEmpty(match) ? "*" : match);
        var keys = new List<string>(Math.Min(limit, 1024));
        if (_client.IsCluster)
        {
            var (seen, complete) = await SampleClusterKeysAsync(pattern, prefix, keys, limit, scanBudget, cancellationToken).ConfigureAwait(false);
            return new DistributedKeySample(await WithTimeToLiveAsync(keys, cancellationToken).ConfigureAwait(false), seen, complete);
        }

        long examined = 0;
        long cursor = 0;
        do
        {
            // SCAN, never KEYS: each step is bounded, and the budget bounds the whole listing on a large keyspace.
            var page = await _client.ScanAsync(cursor, pattern, _options.ScanPageSize, cancellationToken).ConfigureAwait(false);
            cursor = page.Cursor;
            examined += _options.ScanPageSize;
            foreach (var key in page.Keys)
            {
                if (keys.Count < limit && key.StartsWith(prefix, StringComparison.Ordinal))
                {
                    keys.Add(key);
                }
            }
        }
        while (cursor != 0 && keys.Count < limit && examined < scanBudget);

        return new DistributedKeySample(await WithTimeToLiveAsync(keys, cancellationToken).ConfigureAwait(false), examined, cursor == 0);
    }

    /// <summary>
    /// A Redis Cluster: every primary has its own keyspace and SCAN cursor, so the sample comes from
    /// <see cref="Resp.RespClient.ScanKeysAsync"/>, which scans the primaries in turn. It yields matches only, so the
    /// budget counts the keys returned (a lower bound of those examined): a pattern that matches few keys scans on
    /// until the end of the last primary.
    /// </summary>
    private async ValueTask<(long Examined, bool Complete)> SampleClusterKeysAsync(
        string pattern, string prefix, List<string> keys, int limit, int scanBudget, CancellationToken cancellationToken)
    {
        long examined = 0;
        await foreach (var key in _client.ScanKeysAsync(pattern, _options.ScanPageSize, cancellationToken).ConfigureAwait(false))
        {
            examined++;
            if (key.StartsWith(prefix, StringComparison.Ordinal) && !keys.Contains(key, StringComparer.Ordinal))
            {
                keys.Add(key);
            }

            if (keys.Count >= limit || examined >= scanBudget)
            {
                return (examined, false);
            }
        }

        return (examined, true);
    }

    private async ValueTask<List<KeyValuePair<string, TimeSpan?>>> WithTimeToLiveAsync(List<string> keys, CancellationToken cancellationToken)
    {
        // One pipelined PTTL per key: the connection carries them back to back.
        var ttls = new Task<TimeSpan?>[keys.Count];
        for (var i = 0; i < keys.Count; i++)
        {
            ttls[i] = _client.TimeToLiveAsync(keys[i], cancellationToken).AsTask();
        }

        await Task.WhenAll(ttls).ConfigureAwait(false);
        var result = new List<KeyValuePair<string, TimeSpan?>>(keys.Count);
        for (var i = 0; i < keys.Count; i++)
        {
            // Null: the key expired or was removed since SCAN saw it.
            if (ttls[i].Result is { } ttl)
            {
                result.Add(new(keys[i], ttl == Timeout.InfiniteTimeSpan ? null : ttl));
            }
        }

        return result;
    }
}

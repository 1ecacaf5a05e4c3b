using Microsoft.Extensions.Caching.Hybrid;
using Strata.Diagnostics;

namespace Strata.Engine;

/// <summary>Writes and invalidations: SetAsync, RemoveAsync, tags, namespaces.</summary>
internal sealed partial class CacheEngine
{
    public async ValueTask SetAsync<T>(
        NamespaceState ns,
        string key,
        T value,
        StrataEntryOptions? options,
        HybridCacheEntryOptions? hybridOptions,
        IEnumerable<string>? tags,
        CancellationToken cancellationToken)
    {
        var l1Key = new L1Key(ns, _keys.GetEffectiveKeyInValidNamespace(ns.Name, key));
        var resolved = Resolve(options, hybridOptions);
        var tagArray = NormalizeTags(tags);
        var payload = Serialize(value);
        if (payload.Length > _options.MaximumPayloadBytes)
        {
            throw new ArgumentException(
                $"The value for '{key}' serializes to {payload.Length} bytes, above StrataCacheOptions.MaximumPayloadBytes ({_options.MaximumPayloadBytes}); nothing was stored.",
                nameof(value));
        }

        var (entry, stored) = CreateEntry(l1Key, value, value, resolved, tagArray, Clock.Next(), TimeSpan.Zero, payload);
        SupersedeFlight(l1Key);
        if (stored is null)
        {
            // An adjuster decided not to cache this value: whatever was cached before is no longer right either.
            await RemoveAsync(ns, key, cancellationToken).ConfigureAwait(false);
            return;
        }

        StoreL1(l1Key, entry, resolved);
        if (_l2 is not null && !resolved.Has(HybridCacheEntryFlags.DisableDistributedCacheWrite))
        {
            var ok = await WriteL2Async(l1Key, entry, stored, resolved, cancellationToken).ConfigureAwait(false);
            ThrowIfRequested(ok, "SetAsync", key);
        }
    }

    public async ValueTask RemoveAsync(NamespaceState ns, string key, CancellationToken cancellationToken)
    {
        var l1Key = new L1Key(ns, _keys.GetEffectiveKeyInValidNamespace(ns.Name, key));
        SupersedeFlight(l1Key);
        _l1.Remove(l1Key);
        RecordInvalidation(StrataInvalidationScope.Key, key, ns.Name, remote: false);
        if (_l2 is not null)
        {
            var fullKey = FullKey(l1Key);
            var (ok, _) = await _l2.ExecuteAsync("remove", fullKey, static async (tier, k, c) =>
            {
                await tier.RemoveAsync([k], c).ConfigureAwait(false);
                return true;
            }, cancellationToken).ConfigureAwait(false);
            if (!ok)
            {
                Journal(fullKey, ns);
            }

            ThrowIfRequested(ok, "RemoveAsync", key);
        }
    }

    /// <summary>Invalidates every entry carrying <paramref name="tag"/> (<c>"*"</c>: every entry) on every node, in
    /// O(1): a stamp compared with each entry's creation stamp when it is read.</summary>
    public async ValueTask RemoveByTagAsync(string tag, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(tag))
        {
            throw new ArgumentException("A tag must not be null, empty or whitespace.", nameof(tag));
        }

        var stamp = Clock.Next();
        StampCell cell;
        if (tag == "*")
        {
            cell = _globalStamp;
            cell.Raise(stamp);
            RecordInvalidation(StrataInvalidationScope.All, null, null, remote: false);
        }
        else
        {
            cell = GetTagCell(tag);
            RaiseTag(cell, stamp);
            RecordInvalidation(StrataInvalidationScope.Tag, tag, null, remote: false);
        }

        await StoreStampAsync(cell, stamp, "RemoveByTagAsync", tag, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Invalidates the whole namespace in O(1) (a stamp), frees its L1 entries, and purges its L2 keys in
    /// the background.</summary>
    public async ValueTask ClearAsync(NamespaceState ns, CancellationToken cancellationToken)
    {
        var stamp = Clock.Next();
        ns.Stamp.Raise(stamp);
        RecordInvalidation(StrataInvalidationScope.Namespace, ns.Name, null, remote: false);
        _l1.RemoveWhere(ns, static (key, _, target) => ReferenceEquals(key.Namespace, target));
        await StoreStampAsync(ns.Stamp, stamp, "ClearAsync", ns.Name, cancellationToken).ConfigureAwait(false);
        if (_l2 is not null)
        {
            _ = PurgeAsync(ns);
        }
    }

    private async Task PurgeAsync(NamespaceState ns)
    {
        try
        {
            await _l2!.Tier.PurgeAsync(ns.FullKeyPrefix, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            Metrics.Error("l2", "purge");
            StrataLog.PurgeFailed(_logger, ns.Name, error);
        }
    }

    private async ValueTask StoreStampAsync(StampCell cell, long stamp, string operation, string subject, CancellationToken cancellationToken)
    {
        if (_l2 is null)
        {
            return;
        }

        var (ok, _) = await _l2.ExecuteAsync(
            "set-stamp",
            (cell.StorageKey, stamp, _options.InvalidationRetention),
            static async (tier, s, c) =>
            {
                await tier.SetStampAsync(s.StorageKey, s.stamp, s.InvalidationRetention, c).ConfigureAwait(false);
                return true;
            },
            cancellationToken).ConfigureAwait(false);
        if (!ok)
        {
            _l2.Journal.AddStamp(cell.StorageKey, stamp);
            _l2.MarkJournalPending();
        }

        ThrowIfRequested(ok, operation, subject);
    }

    private void ThrowIfRequested(bool ok, string operation, string subject)
    {
        if (!ok && _options.ThrowOnDistributedWriteErrors)
        {
            throw new InvalidOperationException(
                $"{operation} for '{subject}' was applied to L1 but not to the L2 tier ({_l2!.Tier.Name}); it is journaled and will be repaired when L2 answers again.");
        }
    }
}

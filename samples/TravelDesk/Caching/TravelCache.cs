using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;
using Strata;
using TravelDesk.Configuration;

namespace TravelDesk.Caching;

/// <summary>
/// The application-level cache calls of TravelDesk (the TripSage pattern: canonical key, named policy, tags), with the
/// two switches a travel API needs on top: <c>skipCache</c> (fetch now, store the fresh value for everyone else) and
/// <see cref="TravelDeskOptions.CacheEnabled"/> (no cache at all, for the benchmark's baseline).
/// </summary>
public sealed class TravelCache
{
    private const HybridCacheEntryFlags RefreshFlags =
        HybridCacheEntryFlags.DisableLocalCacheRead | HybridCacheEntryFlags.DisableDistributedCacheRead;

    private readonly StrataCache _cache;
    private readonly TimeProvider _time;
    private readonly bool _enabled;

    public TravelCache(StrataCache cache, TimeProvider time, IOptions<TravelDeskOptions> options)
    {
        _cache = cache;
        _time = time;
        _enabled = options.Value.CacheEnabled;
    }

    public bool Enabled => _enabled;

    public async ValueTask<CachedAnswer<T>> GetOrCreateAsync<TState, T>(
        string space,
        string key,
        TState state,
        Func<TState, CancellationToken, ValueTask<T>> factory,
        string policy,
        IReadOnlyList<string> tags,
        bool refresh,
        CancellationToken cancellationToken)
    {
        if (!_enabled)
        {
            return new CachedAnswer<T>(await factory(state, cancellationToken).ConfigureAwait(false), "OFF", "source", _time.GetUtcNow());
        }

        var cache = _cache.Namespace(space);
        var options = cache.GetPolicy(policy);
        if (refresh)
        {
            // Reads off, writes on: the factory runs now (joined with any run already in flight) and its result, with
            // the policy's adjusted duration, replaces the entry for everyone.
            options = options with { Flags = (options.Flags ?? HybridCacheEntryFlags.None) | RefreshFlags };
        }

        var entry = await cache.GetOrCreateEntryAsync(key, state, factory, options, tags, cancellationToken).ConfigureAwait(false);
        var status = entry.Status switch
        {
            _ when refresh => "BYPASS",
            CacheResultStatus.Hit => "HIT",
            CacheResultStatus.Stale => "STALE",
            _ => "MISS",
        };
        var tier = entry.Tier switch
        {
            CacheTier.L1 => "l1",
            CacheTier.L2 => "l2",
            _ => "source",
        };
        return new CachedAnswer<T>(entry.Value, status, tier, entry.CreatedAt);
    }

    /// <summary>Evicts tags and namespaces on every node (after writes the route rules do not cover).</summary>
    public async ValueTask InvalidateAsync(IEnumerable<string> tags, IEnumerable<string> namespaces)
    {
        if (!_enabled)
        {
            return;
        }

        foreach (var tag in tags)
        {
            await _cache.RemoveByTagAsync(tag, CancellationToken.None).ConfigureAwait(false);
        }

        foreach (var space in namespaces)
        {
            await _cache.Namespace(space).ClearAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }
}

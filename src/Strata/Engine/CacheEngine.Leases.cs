using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Hybrid;

namespace Strata.Engine;

/// <summary>
/// Cross-node single-flight: before running a factory, a run takes a short lease in L2; a run on another node that
/// finds the lease taken waits until it hears the value (or the lease) change, then reads the value the holder wrote.
/// Waits are driven by the tier's change stream, never by polling, and bounded by the holder's remaining lease and by
/// <see cref="StrataCacheOptions.DistributedLeaseWait"/>.
/// </summary>
internal sealed partial class CacheEngine
{
    private const string LeaseSegment = "!lease";

    /// <summary>Runs waiting for another node's value, by full key: completed when the key or its lease changes.</summary>
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _arrivals = new(StringComparer.Ordinal);

    private bool UsesLease(ResolvedOptions options) =>
        _options.DistributedLeaseDuration is not null
        && _l2?.Tier is IDistributedLeaseTier
        && !options.Has(HybridCacheEntryFlags.DisableDistributedCacheRead)
        && !options.Has(HybridCacheEntryFlags.DisableDistributedCacheWrite);

    /// <summary><c>{prefix}:!lease:{namespace}:{key}</c> for the full key <c>{prefix}:{namespace}:{key}</c>.</summary>
    private string LeaseKeyOf(string fullKey) =>
        string.Concat(_options.KeyPrefix, ":", LeaseSegment, fullKey.AsSpan(_options.KeyPrefix.Length));

    /// <summary>Takes the lease, or waits for the holder's value; see the type's remarks.</summary>
    private async ValueTask<LeaseOutcome> LeaseOrAwaitValueAsync<T>(Flight flight, L1Key key, ResolvedOptions options, L1Entry? fallback)
    {
        var fullKey = FullKey(key);
        var attempt = new LeaseRequest(fullKey, LeaseKeyOf(fullKey), Guid.NewGuid().ToString("N"), _options.DistributedLeaseDuration!.Value);
        var deadline = _time.GetUtcNow() + (_options.DistributedLeaseWait ?? attempt.Duration);
        var cancellationToken = flight.FactoryCancellation.Token;
        while (true)
        {
            // Registered before asking, so a value written right after the answer still wakes this run.
            var arrival = _arrivals.GetOrAdd(fullKey, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            try
            {
                var (ok, found) = await _l2!.ExecuteAsync(
                    "lease",
                    attempt,
                    static (tier, a, c) => ((IDistributedLeaseTier)tier).TryAcquireLeaseAsync(a.Key, a.LeaseKey, a.Owner, a.Duration, c),
                    cancellationToken).ConfigureAwait(false);
                if (!ok)
                {
                    return default;
                }

                if (found.Value is { } bytes
                    && await DecodeAsync<T>(key, fullKey, bytes, options, cancellationToken).ConfigureAwait(false) is { } entry
                    && _time.GetUtcNow().UtcTicks < entry.FreshUntilTicks
                    && (!flight.IsBackground || fallback is null || entry.CreatedStamp > fallback.CreatedStamp))
                {
                    if (found.Acquired)
                    {
                        ReleaseLease(attempt);
                    }

                    Metrics.Lease("arrived");
                    return new LeaseOutcome(entry, null, false);
                }

                if (found.Acquired)
                {
                    Metrics.Lease("acquired");
                    return new LeaseOutcome(null, attempt, false);
                }

                if (flight.IsBackground)
                {
                    // Another node is refreshing this key already; its value reaches us as a change of the key.
                    Metrics.Lease("busy");
                    return new LeaseOutcome(null, null, true);
                }

                var remaining = deadline - _time.GetUtcNow();
                if (remaining <= TimeSpan.Zero)
                {
                    Metrics.Lease("expired");
                    return default;
                }

                // The holder's lease ends by itself at HeldFor even if no change is ever heard (a dead holder).
                var wait = TimeSpan.FromTicks(Math.Clamp(found.HeldFor.Ticks, TimeSpan.TicksPerMillisecond, remaining.Ticks));
                Metrics.Lease("wait");
                try
                {
                    await arrival.Task.WaitAsync(wait, _time, cancellationToken).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    // Ask again: the lease has run out, or the wait has.
                }
            }
            finally
            {
                _arrivals.TryRemove(new KeyValuePair<string, TaskCompletionSource>(fullKey, arrival));
            }
        }
    }

    /// <summary>Releases a lease this node holds, in the background (the value it guarded is already written).</summary>
    private void ReleaseLease(LeaseRequest lease) =>
        _ = _l2!.ExecuteAsync(
            "lease-release",
            lease,
            static async (tier, l, c) =>
            {
                await ((IDistributedLeaseTier)tier).ReleaseLeaseAsync(l.LeaseKey, l.Owner, c).ConfigureAwait(false);
                return true;
            },
            CancellationToken.None).AsTask();

    /// <summary>Whether <paramref name="key"/> is <c>{prefix}:!lease:…</c> (checked without building strings: this runs
    /// for every change another node makes).</summary>
    private bool IsLeaseKey(string key)
    {
        var rest = key.AsSpan();
        return rest.StartsWith(_options.KeyPrefix, StringComparison.Ordinal)
            && rest[_options.KeyPrefix.Length..] is [':', .. var tail]
            && tail.StartsWith(LeaseSegment, StringComparison.Ordinal)
            && tail[LeaseSegment.Length..] is [':', ..];
    }

    /// <summary>Wakes a run waiting for <paramref name="changedKey"/> (a value key, or a lease key).</summary>
    private void SignalArrival(string changedKey)
    {
        if (_arrivals.IsEmpty)
        {
            return;
        }

        var fullKey = IsLeaseKey(changedKey)
            ? string.Concat(_options.KeyPrefix, changedKey.AsSpan(_options.KeyPrefix.Length + 1 + LeaseSegment.Length))
            : changedKey;
        if (_arrivals.TryRemove(fullKey, out var arrival))
        {
            arrival.TrySetResult();
        }
    }
}

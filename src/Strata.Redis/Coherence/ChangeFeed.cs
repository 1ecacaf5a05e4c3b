using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Strata.Redis.Diagnostics;

namespace Strata.Redis.Coherence;

/// <summary>
/// Delivers what the tier hears to its observers, in order, on one loop of its own (never on the connection's reader).
/// Bursts are coalesced: everything queued while the observers were busy is delivered as one batch with each key once,
/// so a purge or a large SetMany on another node costs each observer one pass, not one per message.
/// </summary>
internal sealed class ChangeFeed : IAsyncDisposable
{
    private readonly Channel<ChangeNotice> _queue = Channel.CreateUnbounded<ChangeNotice>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Task _pump;
    private IDistributedTierObserver[] _observers = [];
    private long _keysDelivered;
    private long _batches;

    public ChangeFeed(ILogger logger)
    {
        _logger = logger;
        _pump = Task.Run(PumpAsync);
    }

    /// <summary>Keys delivered to observers so far (after coalescing).</summary>
    public long KeysDelivered => Interlocked.Read(ref _keysDelivered);

    /// <summary>Deliveries so far: a burst of notices counts once.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    public void Post(ChangeNotice notice) => _queue.Writer.TryWrite(notice);

    public IDisposable Subscribe(IDistributedTierObserver observer)
    {
        lock (_gate)
        {
            _observers = [.. _observers, observer];
        }

        return new Subscription(this, observer);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _pump.ConfigureAwait(false);
    }

    private void Unsubscribe(IDistributedTierObserver observer)
    {
        lock (_gate)
        {
            _observers = [.. _observers.Where(o => !ReferenceEquals(o, observer))];
        }
    }

    private async Task PumpAsync()
    {
        var keys = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var notice))
            {
                if (notice.Kind == ChangeNoticeKind.Keys)
                {
                    foreach (var key in notice.Keys!)
                    {
                        if (seen.Add(key))
                        {
                            keys.Add(key);
                        }
                    }

                    continue;
                }

                // A lifecycle notice keeps its place: the keys heard before it are delivered first.
                DeliverKeys(keys, seen);
                Deliver(notice.Kind);
            }

            DeliverKeys(keys, seen);
        }
    }

    private void DeliverKeys(List<string> keys, HashSet<string> seen)
    {
        if (keys.Count == 0)
        {
            return;
        }

        Interlocked.Increment(ref _batches);
        foreach (var observer in Volatile.Read(ref _observers))
        {
            foreach (var key in keys)
            {
                Guard(observer, key, static (o, k) => o.OnKeyChanged(k));
            }
        }

        Interlocked.Add(ref _keysDelivered, keys.Count);
        keys.Clear();
        seen.Clear();
    }

    private void Deliver(ChangeNoticeKind kind)
    {
        foreach (var observer in Volatile.Read(ref _observers))
        {
            Guard(observer, kind, static (o, k) =>
            {
                switch (k)
                {
                    case ChangeNoticeKind.All:
                        o.OnAllChanged();
                        break;
                    case ChangeNoticeKind.ConnectionLost:
                        o.OnConnectionLost();
                        break;
                    case ChangeNoticeKind.ConnectionRestored:
                        o.OnConnectionRestored();
                        break;
                }
            });
        }
    }

    private void Guard<TState>(IDistributedTierObserver observer, TState state, Action<IDistributedTierObserver, TState> call)
    {
        try
        {
            call(observer, state);
        }
#pragma warning disable CA1031 // Observers must not throw; one that does must not stop the others or the loop.
        catch (Exception error)
#pragma warning restore CA1031
        {
            RedisTierLog.ObserverFailed(_logger, error);
        }
    }

    private sealed class Subscription(ChangeFeed owner, IDistributedTierObserver observer) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Unsubscribe(observer);
            }
        }
    }
}

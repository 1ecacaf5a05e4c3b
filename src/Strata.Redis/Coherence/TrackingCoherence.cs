using Strata.Resp;
using Strata.Resp.Tracking;

namespace Strata.Redis.Coherence;

/// <summary>
/// <c>CLIENT TRACKING ON BCAST [PREFIX p] NOLOOP</c> on the tier's own connection: the server reports every change of
/// a key under the prefix made by any other connection (including expiry and eviction), and none of our own. Nothing
/// is sent per read or per write. The client re-enables tracking during every reconnect handshake and reports the gap
/// as ConnectionLost / Reconnected, in order with the invalidations.
/// </summary>
internal sealed class TrackingCoherence(RespClient client, string? prefix, ChangeFeed feed) : ICoherence
{
    /// <summary>This node's script writes whose notifications must be dropped.</summary>
    public EchoFilter Echoes { get; } = new();

    public RedisCoherence Mode => RedisCoherence.Tracking;

    public bool AnnouncesWrites => false;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = new RespTrackingOptions { Broadcast = true, NoLoop = true };
        if (prefix is not null)
        {
            options.Prefixes.Add(prefix);
        }

        client.Invalidated += OnInvalidated;
        try
        {
            await client.EnableTrackingAsync(options, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            client.Invalidated -= OnInvalidated;
            throw;
        }
    }

    public ValueTask AnnounceAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        client.Invalidated -= OnInvalidated;
        return ValueTask.CompletedTask;
    }

    private void OnInvalidated(object? sender, RespInvalidation invalidation)
    {
        switch (invalidation.Reason)
        {
            case RespInvalidationReason.ConnectionLost:
                Echoes.Clear();
                feed.Post(new ChangeNotice(ChangeNoticeKind.ConnectionLost));
                break;
            case RespInvalidationReason.Reconnected:
                Echoes.Clear();
                feed.Post(new ChangeNotice(ChangeNoticeKind.ConnectionRestored));
                break;
            case var _ when invalidation.IsFlushAll:
                feed.Post(new ChangeNotice(ChangeNoticeKind.All));
                break;
            default:
                var keys = invalidation.Keys!;
                if (!Echoes.IsEmpty)
                {
                    keys = [.. keys.Where(k => !Echoes.TryConsume(k))];
                }

                if (keys.Count > 0)
                {
                    feed.Post(new ChangeNotice(ChangeNoticeKind.Keys, keys));
                }

                break;
        }
    }
}

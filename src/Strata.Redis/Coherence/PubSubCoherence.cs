using Microsoft.Extensions.Logging;
using Strata.Resp;
using Strata.Resp.PubSub;
using Strata.Redis.Diagnostics;

namespace Strata.Redis.Coherence;

/// <summary>
/// The fallback for servers without client tracking: every write through the tier publishes one compact
/// <see cref="ChangeMessage"/> (all keys of a batch in one message), and every node subscribes to the channel and skips
/// its own messages. Changes made outside Strata are not heard in this mode.
/// </summary>
internal sealed class PubSubCoherence(RespClient client, string channel, Guid node, ChangeFeed feed, ILogger logger) : ICoherence
{
    private RespSubscription? _subscription;

    public RedisCoherence Mode => RedisCoherence.PubSub;

    public bool AnnouncesWrites => true;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        client.ConnectionLost += OnConnectionLost;
        client.ConnectionRestored += OnConnectionRestored;
        try
        {
            _subscription = await client.SubscribeAsync(channel, OnMessageAsync, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            client.ConnectionLost -= OnConnectionLost;
            client.ConnectionRestored -= OnConnectionRestored;
            throw;
        }
    }

    public async ValueTask AnnounceAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        if (keys.Count > 0)
        {
            await client.PublishAsync(channel, ChangeMessage.Encode(node, keys), cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        client.ConnectionLost -= OnConnectionLost;
        client.ConnectionRestored -= OnConnectionRestored;
        if (_subscription is not null)
        {
            await _subscription.DisposeAsync().ConfigureAwait(false);
        }
    }

    private Task OnMessageAsync(RespMessage message)
    {
        if (!ChangeMessage.TryDecode(message.Payload.Span, out var sender, out var keys, out var error))
        {
            RedisTierLog.MalformedChange(logger, channel, error!);
        }
        else if (sender != node && keys.Count > 0)
        {
            feed.Post(new ChangeNotice(ChangeNoticeKind.Keys, keys));
        }

        return Task.CompletedTask;
    }

    private void OnConnectionLost(object? sender, Exception error) => feed.Post(new ChangeNotice(ChangeNoticeKind.ConnectionLost));

    private void OnConnectionRestored(object? sender, EventArgs e) => feed.Post(new ChangeNotice(ChangeNoticeKind.ConnectionRestored));
}

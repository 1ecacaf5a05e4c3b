using System.Threading.Channels;

namespace Strata.Resp.PubSub;

/// <summary>
/// One subscription to a channel or pattern. Messages arrive in order through <see cref="Messages"/>, or to
/// the handler given at subscribe time. It survives reconnects; dispose it to unsubscribe.
/// </summary>
public sealed class RespSubscription : IAsyncDisposable
{
    private readonly Channel<RespMessage> _messages = System.Threading.Channels.Channel.CreateUnbounded<RespMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SubscriptionHub _hub;
    private int _disposed;

    internal RespSubscription(SubscriptionHub hub, string channel, bool isPattern)
    {
        _hub = hub;
        Channel = channel;
        IsPattern = isPattern;
    }

    /// <summary>The channel name, or the pattern for pattern subscriptions.</summary>
    public string Channel { get; }

    /// <summary>Whether <see cref="Channel"/> is a glob-style pattern (<c>PSUBSCRIBE</c>).</summary>
    public bool IsPattern { get; }

    /// <summary>The messages, in the order the server sent them. Completes when the subscription is disposed.</summary>
    public ChannelReader<RespMessage> Messages => _messages.Reader;

    /// <summary>Unsubscribes (on the server too, when this was the last subscription to the channel).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _messages.Writer.TryComplete();
        await _hub.RemoveAsync(this).ConfigureAwait(false);
    }

    internal void CompleteMessages() => _messages.Writer.TryComplete();

    internal void Deliver(RespMessage message) => _messages.Writer.TryWrite(message);
}

using Strata.Resp.Commands;
using Strata.Resp.Connections;
using Strata.Resp.PubSub;
using Strata.Resp.Replies;
using Strata.Resp.Tracking;

namespace Strata.Resp;

public sealed partial class RespClient
{
    /// <summary><c>PUBLISH channel message</c>: returns how many subscribers received it (on this node).</summary>
    public ValueTask<long> PublishAsync(string channel, string message, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        ArgumentNullException.ThrowIfNull(message);
        return SendAsync<PublishCommand, long, Int64Parser>(new PublishCommand(channel, default, message), cancellationToken);
    }

    /// <summary><c>PUBLISH channel message</c> with a binary message.</summary>
    public ValueTask<long> PublishAsync(string channel, ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        CheckValueLength(message.Length, "channel", channel);
        return SendAsync<PublishCommand, long, Int64Parser>(new PublishCommand(channel, message, null), cancellationToken);
    }

    /// <summary>
    /// Subscribes to <paramref name="channel"/>; read the messages from <see cref="RespSubscription.Messages"/>.
    /// On RESP3 the subscription shares the command connection; on RESP2 it uses a dedicated one. It is
    /// restored after every reconnect. Completes once the server has confirmed it.
    /// </summary>
    public Task<RespSubscription> SubscribeAsync(string channel, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        return _hub.AddAsync(channel, isPattern: false, cancellationToken);
    }

    /// <summary>Subscribes to channels matching a glob-style <paramref name="pattern"/> (<c>PSUBSCRIBE</c>).</summary>
    public Task<RespSubscription> SubscribePatternAsync(string pattern, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        return _hub.AddAsync(pattern, isPattern: true, cancellationToken);
    }

    /// <summary>
    /// Subscribes to <paramref name="channel"/> and calls <paramref name="handler"/> for each message, one at a
    /// time in order, on the thread pool. A handler that throws is logged; later messages still arrive.
    /// </summary>
    public async Task<RespSubscription> SubscribeAsync(string channel, Func<RespMessage, Task> handler, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var subscription = await SubscribeAsync(channel, cancellationToken).ConfigureAwait(false);
        _ = Task.Run(() => PumpMessagesAsync(subscription, handler), CancellationToken.None);
        return subscription;
    }

    /// <summary>
    /// Turns on client-side-caching invalidations (<c>CLIENT TRACKING ON</c>) and keeps them on across reconnects;
    /// changes arrive through <see cref="Invalidated"/>. Needs RESP3 (the server must accept HELLO 3).
    /// </summary>
    /// <remarks>
    /// In a Redis Cluster tracking is turned on for the connection to every primary (and every node connection
    /// opened later); their invalidations all arrive through <see cref="Invalidated"/>, and a lost node connection
    /// or slots changing owner (failover, resharding) raise <see cref="RespInvalidation.IsFlushAll"/>.
    /// </remarks>
    /// <exception cref="NotSupportedException">The connection speaks RESP2.</exception>
    public async Task EnableTrackingAsync(RespTrackingOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Broadcast && options.Prefixes.Count > 0)
        {
            throw new ArgumentException("Prefixes apply only to broadcasting mode (Broadcast = true).", nameof(options));
        }

        var connection = await _interactive.WaitForOpenAsync(_interactive.DeadlineAfter(_options.CommandTimeout), "CLIENT TRACKING", cancellationToken).ConfigureAwait(false);
        if (connection.Protocol != RespProtocol.Resp3)
        {
            throw new NotSupportedException(
                $"Client tracking needs RESP3 and the server at {_options.EndPointText} speaks RESP2; use a pub/sub channel for invalidations instead.");
        }

        var copy = new RespTrackingOptions { Broadcast = options.Broadcast, NoLoop = options.NoLoop };
        foreach (var prefix in options.Prefixes)
        {
            copy.Prefixes.Add(prefix);
        }

        if (Volatile.Read(ref _cluster) is { } cluster)
        {
            // Tracking is per connection: it goes on every node connection (the seed serves no keys here).
            await cluster.EnableTrackingAsync(copy, cancellationToken).ConfigureAwait(false);
            return;
        }

        await SendTrackingAsync(connection, copy, _options.CommandTimeout, duringHandshake: false).ConfigureAwait(false);
        Volatile.Write(ref _tracking, copy);
    }

    internal static Task<bool> SendTrackingAsync(RespConnection connection, RespTrackingOptions options, TimeSpan timeout, bool duringHandshake)
    {
        var arguments = new List<RespArgument> { "TRACKING", "ON" };
        if (options.Broadcast)
        {
            arguments.Add("BCAST");
            foreach (var prefix in options.Prefixes)
            {
                arguments.Add("PREFIX");
                arguments.Add(prefix);
            }
        }

        if (options.NoLoop)
        {
            arguments.Add("NOLOOP");
        }

        return connection.SendAsync<ArgumentsCommand, bool, OkParser>(
            new ArgumentsCommand(CommandName.Client.Text, arguments.ToArray()), timeout, duringHandshake).AsTask();
    }

    private async Task PumpMessagesAsync(RespSubscription subscription, Func<RespMessage, Task> handler)
    {
        await foreach (var message in subscription.Messages.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                await handler(message).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // A handler's failure is logged; the subscription goes on.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                _hub.LogHandlerFailure(subscription.Channel, exception);
            }
        }
    }
}

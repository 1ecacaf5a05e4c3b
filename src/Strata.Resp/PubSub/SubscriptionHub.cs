using System.Buffers;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Strata.Resp.Commands;
using Strata.Resp.Connections;
using Strata.Resp.Diagnostics;
using Strata.Resp.Protocol;
using Strata.Resp.Replies;
using Strata.Resp.Tracking;

namespace Strata.Resp.PubSub;

/// <summary>
/// Owns the client's subscriptions and turns push frames into messages and invalidations.
/// </summary>
/// <remarks>
/// The server is subscribed once per channel however many <see cref="RespSubscription"/>s share it. Push
/// frames are parsed and copied on the reader loop and handed on through channels, so neither subscribers'
/// code nor invalidation handlers ever run on (or slow) the reader loop. After a reconnect every channel is
/// subscribed again before the connection is released to callers.
/// </remarks>
internal sealed class SubscriptionHub : IConnectionListener
{
    /// <summary>The channel RESP2 servers publish client-tracking invalidations on (with <c>REDIRECT</c>).</summary>
    public const string InvalidationChannel = "__redis__:invalidate";

    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<RespSubscription>> _channels = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<RespSubscription>> _patterns = new(StringComparer.Ordinal);
    private readonly Channel<RespInvalidation> _invalidations = Channel.CreateUnbounded<RespInvalidation>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<ConnectionSupervisor> _supervisor;
    private readonly ILogger _logger;
    private readonly TimeSpan _timeout;

    public SubscriptionHub(Func<ConnectionSupervisor> supervisor, ILogger logger, TimeSpan timeout)
    {
        _supervisor = supervisor;
        _logger = logger;
        _timeout = timeout;
    }

    /// <summary>Invalidations in arrival order, for the client's dispatcher.</summary>
    public ChannelReader<RespInvalidation> Invalidations => _invalidations.Reader;

    /// <summary>Registers a subscription; subscribes on the server when it is the first for its channel.</summary>
    public async Task<RespSubscription> AddAsync(string channel, bool isPattern, CancellationToken cancellationToken)
    {
        var subscription = new RespSubscription(this, channel, isPattern);
        bool first;
        lock (_lock)
        {
            var map = isPattern ? _patterns : _channels;
            if (!map.TryGetValue(channel, out var list))
            {
                map[channel] = list = [];
            }

            first = list.Count == 0;
            list.Add(subscription);
        }

        if (first)
        {
            try
            {
                await SendAsync(isPattern ? CommandName.PSubscribe : CommandName.Subscribe, channel, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                Forget(subscription);
                throw;
            }
        }

        return subscription;
    }

    /// <summary>Unregisters a subscription; unsubscribes on the server when it was the last for its channel.</summary>
    public async Task RemoveAsync(RespSubscription subscription)
    {
        if (!Forget(subscription))
        {
            return;
        }

        try
        {
            await SendAsync(subscription.IsPattern ? CommandName.PUnsubscribe : CommandName.Unsubscribe, subscription.Channel, CancellationToken.None).ConfigureAwait(false);
        }
        catch (RespException)
        {
            // Not connected: the subscription is gone from the registry, so a reconnect will not restore it.
        }
    }

    /// <summary>Queues an invalidation for the dispatcher.</summary>
    public void Invalidate(RespInvalidation invalidation) => _invalidations.Writer.TryWrite(invalidation);

    /// <summary>Completes the invalidation stream and every subscription's message stream.</summary>
    public void Complete()
    {
        _invalidations.Writer.TryComplete();
        lock (_lock)
        {
            foreach (var subscription in _channels.Values.Concat(_patterns.Values).SelectMany(static list => list))
            {
                subscription.CompleteMessages();
            }
        }
    }

    public async Task OnHandshakeAsync(RespConnection connection, TimeSpan timeout)
    {
        string[] channels, patterns;
        lock (_lock)
        {
            channels = [.. _channels.Where(static pair => pair.Value.Count > 0).Select(static pair => pair.Key)];
            patterns = [.. _patterns.Where(static pair => pair.Value.Count > 0).Select(static pair => pair.Key)];
        }

        // Sent together, awaited together: one round trip however many channels there are.
        var confirmations = new List<Task>(channels.Length + patterns.Length);
        foreach (var channel in channels)
        {
            confirmations.Add(connection.SendAsync<ArgumentsCommand, bool, ConfirmationParser>(
                new ArgumentsCommand(CommandName.Subscribe.Text, new RespArgument[] { channel }), timeout, duringHandshake: true, confirmations: 1).AsTask());
        }

        foreach (var pattern in patterns)
        {
            confirmations.Add(connection.SendAsync<ArgumentsCommand, bool, ConfirmationParser>(
                new ArgumentsCommand(CommandName.PSubscribe.Text, new RespArgument[] { pattern }), timeout, duringHandshake: true, confirmations: 1).AsTask());
        }

        await Task.WhenAll(confirmations).ConfigureAwait(false);
    }

    public void OnConnected(RespConnection connection)
    {
    }

    public void OnDisconnected(Exception reason)
    {
    }

    public void OnPush(RespConnection connection, ReadOnlySequence<byte> frame)
    {
        var reader = new RespReader(frame);
        reader.ReadToken();
        var count = reader.Length;
        reader.ReadToken();
        if (reader.PayloadEquals("invalidate"u8) && count == 2)
        {
            reader.ReadToken();
            Invalidate(new RespInvalidation(ReadKeys(ref reader), RespInvalidationReason.Server));
            return;
        }

        string? pattern = null;
        if (reader.PayloadEquals("pmessage"u8) && count == 4)
        {
            reader.ReadToken();
            pattern = reader.ReadString();
        }
        else if (!((reader.PayloadEquals("message"u8) || reader.PayloadEquals("smessage"u8)) && count == 3))
        {
            // Server-side unsubscribes and pushes of kinds this client does not use.
            return;
        }

        reader.ReadToken();
        var channel = reader.ReadString() ?? "";
        reader.ReadToken();
        if (pattern is null && channel == InvalidationChannel)
        {
            Invalidate(new RespInvalidation(ReadKeys(ref reader), RespInvalidationReason.Server));
            return;
        }

        if (reader.IsAggregate)
        {
            return;
        }

        var message = new RespMessage(channel, pattern, reader.ReadBytes() ?? []);
        lock (_lock)
        {
            if ((pattern is null ? _channels : _patterns).TryGetValue(pattern ?? channel, out var list))
            {
                foreach (var subscription in list)
                {
                    subscription.Deliver(message);
                }
            }
        }
    }

    // An invalidation's keys: an array of keys, or null meaning "everything" (FLUSHALL, FLUSHDB, or memory pressure).
    private static string[]? ReadKeys(ref RespReader reader)
    {
        if (reader.IsNull || !reader.IsAggregate)
        {
            return null;
        }

        var keys = new string[reader.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            reader.ReadToken();
            keys[i] = reader.ReadString() ?? "";
        }

        return keys;
    }

    private async Task SendAsync(CommandName name, string channel, CancellationToken cancellationToken)
    {
        var supervisor = _supervisor();
        var connection = await supervisor.WaitForOpenAsync(supervisor.DeadlineAfter(_timeout), name.Text, cancellationToken).ConfigureAwait(false);
        await connection.SendAsync<ArgumentsCommand, bool, ConfirmationParser>(
            new ArgumentsCommand(name.Text, new RespArgument[] { channel }), _timeout, duringHandshake: false, confirmations: 1).ConfigureAwait(false);
    }

    // True when the subscription was the last of its channel (so the server should be unsubscribed).
    private bool Forget(RespSubscription subscription)
    {
        lock (_lock)
        {
            var map = subscription.IsPattern ? _patterns : _channels;
            if (!map.TryGetValue(subscription.Channel, out var list) || !list.Remove(subscription))
            {
                return false;
            }

            if (list.Count > 0)
            {
                return false;
            }

            map.Remove(subscription.Channel);
            return true;
        }
    }

    internal void LogHandlerFailure(string channel, Exception exception) => RespLog.HandlerFailed(_logger, channel, exception);
}

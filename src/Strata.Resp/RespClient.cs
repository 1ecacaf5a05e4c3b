using System.Buffers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Strata.Resp.Cluster;
using Strata.Resp.Commands;
using Strata.Resp.Connections;
using Strata.Resp.Diagnostics;
using Strata.Resp.PubSub;
using Strata.Resp.Replies;
using Strata.Resp.Tracking;

namespace Strata.Resp;

/// <summary>
/// A Redis client: one multiplexed connection shared by every caller, pipelined, reconnecting by itself.
/// Thread-safe; create one per server and keep it for the application's lifetime.
/// </summary>
/// <remarks>
/// See docs/resp-client.md for the design: connection lifecycle, the reply FIFO, backpressure, and what
/// happens on each kind of failure.
/// </remarks>
public sealed partial class RespClient : IAsyncDisposable, IConnectionListener
{
    private readonly RespClientOptions _options;
    private readonly RespMetrics _metrics;
    private readonly ILogger _logger;
    private readonly ConnectionSupervisor _interactive;
    private readonly SubscriptionHub _hub;
    private readonly TimeProvider _time;
    private readonly long _timeoutTicks;
    private readonly Lock _lock = new();
    private readonly Task _invalidationPump;
    private ConnectionSupervisor? _subscriber;
    private ClusterRouter? _cluster;
    private bool _clusterDecided;
    private RespTrackingOptions? _tracking;
    private bool _everConnected;
    private int _disposed;

    private RespClient(RespClientOptions options)
    {
        _options = options;
        _time = options.TimeProvider;
        _timeoutTicks = (long)(options.CommandTimeout.TotalSeconds * _time.TimestampFrequency);
        _logger = options.LoggerFactory?.CreateLogger("Strata.Resp") ?? NullLogger.Instance;
        _metrics = new RespMetrics(options.MeterFactory, () => (_interactive?.Current?.InFlight ?? 0) + (_subscriber?.Current?.InFlight ?? 0) + (_cluster?.InFlight ?? 0));
        _interactive = new ConnectionSupervisor(options, _metrics, _logger, pushArrays: false, this, RelocateInCluster);
        _hub = new SubscriptionHub(SubscriptionSupervisor, _logger, options.CommandTimeout);
        _invalidationPump = Task.Run(PumpInvalidationsAsync);
    }

    /// <summary>
    /// Raised when keys tracked with <see cref="EnableTrackingAsync"/> change on the server, and with
    /// <see cref="RespInvalidation.IsFlushAll"/> when the connection is lost or restored (invalidations may
    /// have been missed) — in a cluster, any node connection, and also when slots change owner. Raised in order, off the connection's reader loop; a slow handler delays later ones.
    /// </summary>
    public event EventHandler<RespInvalidation>? Invalidated;

    /// <summary>Raised (on the thread pool) when the connection is lost; commands in flight have failed.</summary>
    public event EventHandler<Exception>? ConnectionLost;

    /// <summary>Raised (on the thread pool) when a connection is open again after a loss.</summary>
    public event EventHandler? ConnectionRestored;

    /// <summary>The protocol the current connection speaks (RESP3 unless the server refused it).</summary>
    public RespProtocol Protocol => _interactive.Current?.Protocol ?? RespProtocol.Resp2;

    /// <summary>The server version from the handshake, when the server reported it (RESP3).</summary>
    public string? ServerVersion => _interactive.Current?.ServerVersion;

    /// <summary>Whether a connection is open right now.</summary>
    public bool IsConnected => _interactive.Current?.IsOpen == true;

    /// <summary>
    /// Whether the client routes commands across a Redis Cluster (<see cref="RespClientOptions.ClusterMode"/>;
    /// decided during the first handshake).
    /// </summary>
    public bool IsCluster => Volatile.Read(ref _cluster) is not null;

    /// <summary>Routing counters of a cluster client (redirects, slot-map reloads, retries); all zero otherwise.</summary>
    public RespClusterStatistics ClusterStatistics => Volatile.Read(ref _cluster)?.Statistics ?? default;

    /// <summary>The options the client was created with (a copy; changing it has no effect).</summary>
    public RespClientOptions Options => _options;

    /// <summary>Connects with a connection string (<c>redis://user:pass@host:port/db</c>, <c>rediss://</c> for TLS).</summary>
    /// <exception cref="FormatException">The connection string does not parse.</exception>
    /// <exception cref="RespConnectionException">The server cannot be reached.</exception>
    /// <exception cref="RespAuthenticationException">The server refused the credentials.</exception>
    public static Task<RespClient> ConnectAsync(string connectionString, CancellationToken cancellationToken = default) =>
        ConnectAsync(RespClientOptions.Parse(connectionString), cancellationToken);

    /// <summary>
    /// Connects and completes once the first connection is open; throws if it cannot be made. With several
    /// cluster seeds (<see cref="RespClientOptions.Endpoints"/>) each is tried in order, within the connect
    /// timeout, and the first that answers is used.
    /// </summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="RespConnectionException">The server (or none of the seeds) can be reached; the message names each seed's error.</exception>
    /// <exception cref="RespAuthenticationException">The server refused the credentials.</exception>
    public static async Task<RespClient> ConnectAsync(RespClientOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var client = new RespClient(options.Clone());
        try
        {
            if (client.SeedCount > 1)
            {
                await client._interactive.ConnectAsync(client.SeedTargets(), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await client._interactive.ConnectAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (RespServerException exception) when (exception.Message.Contains("SELECT is not allowed in cluster mode", StringComparison.Ordinal))
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw new ArgumentException(
                $"Database {options.Database} was requested, but {client._interactive.Options.EndPointText} is a Redis Cluster node, which has only database 0.", exception);
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return client;
    }

    /// <summary>
    /// Creates a client that connects in the background and keeps trying; commands wait for the connection
    /// within their timeout. For services that must start while Redis is down. With several cluster seeds each
    /// attempt tries the next one, round the list, until one answers.
    /// </summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public static RespClient Create(RespClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var client = new RespClient(options.Clone());
        client._interactive.ConnectInBackground(null);
        return client;
    }

    /// <summary>
    /// Sends any command and returns its reply as a tree. Error replies throw <see cref="RespServerException"/>.
    /// </summary>
    /// <param name="command">The command name, e.g. <c>HSET</c> or <c>CONFIG</c>.</param>
    /// <param name="arguments">The arguments: strings, byte arrays, integers or doubles.</param>
    public Task<RespValue> ExecuteAsync(string command, params RespArgument[] arguments) =>
        ExecuteAsync(command, arguments, CancellationToken.None);

    /// <summary>Sends any command and returns its reply as a tree.</summary>
    /// <param name="command">The command name.</param>
    /// <param name="arguments">The arguments.</param>
    /// <param name="cancellationToken">Stops waiting for the reply (the reply is still read and discarded).</param>
    public Task<RespValue> ExecuteAsync(string command, IReadOnlyList<RespArgument> arguments, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        ArgumentNullException.ThrowIfNull(arguments);
        var name = command.ToUpperInvariant();
        if (name is "SUBSCRIBE" or "PSUBSCRIBE" or "SSUBSCRIBE" or "UNSUBSCRIBE" or "PUNSUBSCRIBE" or "SUNSUBSCRIBE" or "MONITOR" or "RESET")
        {
            throw new ArgumentException(
                $"{command} changes the connection's mode and cannot go through ExecuteAsync; use SubscribeAsync / SubscribePatternAsync.", nameof(command));
        }

        var copy = arguments.ToArray();
        foreach (var argument in copy)
        {
            CheckValueLength(argument.ByteCount, "command", command);
        }

        // In a cluster the first argument is taken as the key (true for most keyed commands); a wrong guess
        // costs one MOVED and is harmless for keyless commands, which any node serves.
        var slot = _cluster is not null && copy.Length > 0 && copy[0].TryGetSlot(out var guess) ? guess : IRespCommand.KeylessSlot;
        return SendAsync<ArgumentsCommand, RespValue, ValueParser>(new ArgumentsCommand(name, copy, slot), cancellationToken).AsTask();
    }

    /// <summary>Closes the connections; commands in flight fail with <see cref="RespConnectionException"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _interactive.DisposeAsync().ConfigureAwait(false);
        if (Volatile.Read(ref _cluster) is { } cluster)
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
        }

        if (_subscriber is not null)
        {
            await _subscriber.DisposeAsync().ConfigureAwait(false);
        }

        _hub.Complete();
        await _invalidationPump.ConfigureAwait(false);
        _metrics.Dispose();
    }

    Task IConnectionListener.OnHandshakeAsync(RespConnection connection, TimeSpan timeout) =>
        _clusterDecided || _options.ClusterMode == RespClusterMode.Disabled
            ? RestoreAsync(connection, timeout)
            : DetectClusterThenRestoreAsync(connection, timeout);

    /// <summary>
    /// Decides cluster mode on the first handshake, before any caller can use the connection, so no command
    /// is ever sent unrouted to a cluster node; the first slot map is loaded over the same connection.
    /// </summary>
    private async Task DetectClusterThenRestoreAsync(RespConnection connection, TimeSpan timeout)
    {
        var isCluster = _options.ClusterMode == RespClusterMode.Enabled;
        if (!isCluster)
        {
            var info = await connection.SendAsync<ArgumentsCommand, string?, StringParser>(
                new ArgumentsCommand(CommandName.Info.Text, new RespArgument[] { "cluster" }), timeout, duringHandshake: true).ConfigureAwait(false);
            isCluster = info?.Contains("cluster_enabled:1", StringComparison.Ordinal) == true;
        }

        if (isCluster)
        {
            // The seed being connected to, which need not be the first one.
            var seed = _interactive.Options;
            var map = await ClusterRouter.LoadAsync(connection, seed.Host, _options, timeout, duringHandshake: true).ConfigureAwait(false);
            RespLog.TopologyLoaded(_logger, seed.EndPointText, map.Primaries.Count, map.CoveredSlots);
            _metrics.TopologyRefreshed();
            Volatile.Write(ref _cluster, new ClusterRouter(_options, _metrics, _logger, map, _interactive, _hub));
        }

        _clusterDecided = true;
        await RestoreAsync(connection, timeout).ConfigureAwait(false);
    }

    private Task RestoreAsync(RespConnection connection, TimeSpan timeout)
    {
        var restore = new List<Task>(2);
        if (connection.Protocol == RespProtocol.Resp3 && Volatile.Read(ref _subscriber) is null)
        {
            // RESP3 carries pushes on the same connection, so its subscriptions are restored here too.
            restore.Add(_hub.OnHandshakeAsync(connection, timeout));
        }

        if (Volatile.Read(ref _tracking) is { } tracking)
        {
            restore.Add(SendTrackingAsync(connection, tracking, timeout, duringHandshake: true));
        }

        return Task.WhenAll(restore);
    }

    void IConnectionListener.OnConnected(RespConnection connection)
    {
        if (_everConnected)
        {
            if (_tracking is not null)
            {
                _hub.Invalidate(new RespInvalidation(null, RespInvalidationReason.Reconnected));
            }

            ThreadPool.UnsafeQueueUserWorkItem(static client => client.ConnectionRestored?.Invoke(client, EventArgs.Empty), this, preferLocal: false);
        }

        _everConnected = true;
    }

    void IConnectionListener.OnDisconnected(Exception reason)
    {
        if (_tracking is not null)
        {
            _hub.Invalidate(new RespInvalidation(null, RespInvalidationReason.ConnectionLost));
        }

        ThreadPool.UnsafeQueueUserWorkItem(static state => state.Client.ConnectionLost?.Invoke(state.Client, state.Reason), (Client: this, Reason: reason), preferLocal: false);
    }

    void IConnectionListener.OnPush(RespConnection connection, ReadOnlySequence<byte> frame) => _hub.OnPush(connection, frame);

    /// <summary>
    /// The hot path: with an open connection, rent a pooled pending reply, write, return its awaitable.
    /// Nothing allocates unless the connection is down (then the slow path waits for the reconnect).
    /// </summary>
    internal ValueTask<T> SendAsync<TCommand, T, TParser>(in TCommand command, CancellationToken cancellationToken)
        where TCommand : IRespCommand
        where TParser : IReplyParser<T>
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<T>(cancellationToken);
        }

        if (_cluster is { } cluster)
        {
            return cluster.SendAsync<TCommand, T, TParser>(command, cancellationToken);
        }

        var connection = _interactive.Current;
        if (connection is not null)
        {
            var now = _time.GetTimestamp();
            var pending = PendingReply<T, TParser>.Rent(command.Name, now, now + _timeoutTicks, cancellationToken);
            if (connection.TrySend(command, pending))
            {
                return pending.Task;
            }

            pending.Discard();
        }

        return SendSlowAsync<TCommand, T, TParser>(command, cancellationToken);
    }

    private async ValueTask<T> SendSlowAsync<TCommand, T, TParser>(TCommand command, CancellationToken cancellationToken)
        where TCommand : IRespCommand
        where TParser : IReplyParser<T>
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var start = _time.GetTimestamp();
        var deadline = start + _timeoutTicks;
        while (true)
        {
            if (Volatile.Read(ref _cluster) is { } cluster)
            {
                // The first handshake (which this caller waited for) found a cluster.
                return await cluster.SendAsync<TCommand, T, TParser>(command, cancellationToken).ConfigureAwait(false);
            }

            var connection = await _interactive.WaitForOpenAsync(deadline, command.Name, cancellationToken).ConfigureAwait(false);
            if (Volatile.Read(ref _cluster) is not null)
            {
                continue;
            }

            var pending = PendingReply<T, TParser>.Rent(command.Name, start, deadline, cancellationToken);
            if (connection.TrySend(command, pending))
            {
                return await pending.Task.ConfigureAwait(false);
            }

            pending.Discard();
        }
    }

    private ConnectionSupervisor SubscriptionSupervisor()
    {
        lock (_lock)
        {
            // Decided once: subscriptions live on exactly one connection, or messages would arrive twice.
            if (_subscriber is null && (_interactive.Current?.Protocol ?? _options.Protocol) == RespProtocol.Resp3)
            {
                return _interactive;
            }

            if (_subscriber is null)
            {
                // RESP2 cannot mix pub/sub with commands on one connection, so subscriptions get their own.
                _subscriber = new ConnectionSupervisor(
                    _interactive.Options, _metrics, _logger, pushArrays: true, _hub, RelocateInCluster);
                _subscriber.ConnectInBackground(null);
            }

            return _subscriber;
        }
    }

    /// <summary>
    /// Where the seed (and RESP2 subscriber) connection reconnects in a cluster: its own node first, unless that
    /// is no longer a primary in the slot map; from the second attempt on, another primary (one with an open
    /// connection when possible). Classic pub/sub messages reach every node, so any node serves the subscriptions,
    /// which the handshake restores there. Outside a cluster the connection stays with its server.
    /// </summary>
    private RespClientOptions? RelocateInCluster(RespClientOptions current, int attempt)
    {
        if (Volatile.Read(ref _cluster) is not { } cluster)
        {
            // Until a first handshake has decided, a client with several seeds tries the next one on each attempt
            // (a background connect whose first seed is down); afterwards a non-cluster server is kept.
            return !Volatile.Read(ref _clusterDecided) && SeedCount > 1 ? SeedTarget((attempt - 1) % SeedCount) : null;
        }

        var endPoint = ClusterNode.FormatEndPoint(current.Host, current.Port);
        if (attempt == 1 && cluster.Map.Find(endPoint) is not null)
        {
            return null;
        }

        return cluster.PickOtherNode(endPoint) is { } node ? _options.ForNode(node.Host, node.Port) : null;
    }

    // Cluster seeds are tried in turn only when the client may be a cluster client: with cluster mode disabled the
    // endpoints are not interchangeable nodes of one cluster, so the client stays with the first as before.
    private int SeedCount => _options.ClusterMode == RespClusterMode.Disabled ? 1 : Math.Max(1, _options.Endpoints.Count);

    private RespClientOptions SeedTarget(int index) =>
        index > 0 && RespClientOptions.TryParseEndpoint(_options.Endpoints[index], out var host, out var port)
            ? _options.ForNode(host, port)
            : _options;

    private RespClientOptions[] SeedTargets()
    {
        var targets = new RespClientOptions[SeedCount];
        for (var i = 0; i < targets.Length; i++)
        {
            targets[i] = SeedTarget(i);
        }

        return targets;
    }

    private async Task PumpInvalidationsAsync()
    {
        await foreach (var invalidation in _hub.Invalidations.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                Invalidated?.Invoke(this, invalidation);
            }
#pragma warning disable CA1031 // A handler's failure must not stop later invalidations from being delivered.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                _hub.LogHandlerFailure("invalidations", exception);
            }
        }
    }

    // The message is built only when the check fails: this runs on every write's hot path.
    private void CheckValueLength(int length, string subject, string name)
    {
        if (length > _options.MaxValueLength)
        {
            ThrowValueTooLong(length, subject, name);
        }
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void ThrowValueTooLong(int length, string subject, string name) =>
        throw new ArgumentException(
            $"The value for {subject} '{name}' is {length} bytes, more than MaxValueLength ({_options.MaxValueLength} bytes); nothing was sent.");

    private static void CheckKey(string key, string paramName = "key")
    {
        ArgumentNullException.ThrowIfNull(key, paramName);
        if (key.Length == 0)
        {
            throw new ArgumentException("The key is empty; Strata.Resp requires a non-empty key.", paramName);
        }
    }
}

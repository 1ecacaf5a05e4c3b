using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Strata.Resp.Commands;
using Strata.Resp.Connections;
using Strata.Resp.Diagnostics;
using Strata.Resp.PubSub;
using Strata.Resp.Replies;
using Strata.Resp.Tracking;

namespace Strata.Resp.Cluster;

/// <summary>
/// Routes commands across a Redis Cluster: one multiplexed <see cref="ConnectionSupervisor"/> per primary
/// (created on first use), an immutable <see cref="SlotMap"/> swapped atomically, <c>MOVED</c>/<c>ASK</c>
/// redirects, bounded retries on <c>TRYAGAIN</c>/<c>CLUSTERDOWN</c>/unreachable nodes, and a coalesced
/// background topology refresh (periodic, after <c>MOVED</c> and after a lost node connection). With client
/// tracking on, every node connection tracks (enabled in its handshake), their invalidations go to the one
/// <see cref="SubscriptionHub"/>, and a lost node connection or a slot that changes owner raises a flush-all.
/// </summary>
internal sealed class ClusterRouter : IAsyncDisposable
{
    private const int MaxRetries = 5;
    private static readonly TimeSpan MinRefreshSpacing = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan WhilePrimaryDownSpacing = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan RetryBaseDelay = TimeSpan.FromMilliseconds(50);

    private readonly RespClientOptions _options;
    private readonly RespMetrics _metrics;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly long _timeoutTicks;
    private readonly ConnectionSupervisor _seed;
    private readonly SubscriptionHub _hub;
    private readonly ConcurrentDictionary<string, ConnectionSupervisor> _nodes = new(StringComparer.Ordinal);

    // Replicas' READONLY connections (ClusterReadFrom = PreferReplica), apart from _nodes: a promoted replica gets an
    // ordinary connection there, and the reload, failover and tracking logic only ever looks at primaries.
    private readonly ConcurrentDictionary<string, (ConnectionSupervisor Supervisor, NodeConnectionListener Listener)> _replicaNodes = new(StringComparer.Ordinal);
    private readonly bool _preferReplica;
    private readonly Lock _nodesLock = new();
    private readonly CancellationTokenSource _disposed = new();
    private readonly ITimer _periodic;
    private readonly Lock _trackingLock = new();

    // Which connections have had CLIENT TRACKING sent, with which options: sending it twice with the same
    // BCAST prefix is refused by the server ("overlaps with an existing prefix").
    private readonly ConditionalWeakTable<RespConnection, TrackingState> _tracked = [];
    private RespTrackingOptions? _tracking;

    private SlotMap _map;
    private int _refreshState;
    private Task _refreshLoop = Task.CompletedTask;
    private long _moved;
    private long _ask;
    private long _refreshes;
    private long _retries;
    private long _failures;
    private long _replicaReads;
    private long _replicaFallbacks;
    private uint _replicaCursor;

    public ClusterRouter(RespClientOptions options, RespMetrics metrics, ILogger logger, SlotMap initial, ConnectionSupervisor seed, SubscriptionHub hub)
    {
        _hub = hub;
        _options = options;
        _metrics = metrics;
        _logger = logger;
        _time = options.TimeProvider;
        _timeoutTicks = (long)(options.CommandTimeout.TotalSeconds * _time.TimestampFrequency);
        _seed = seed;
        _map = initial;
        _refreshes = 1;
        _preferReplica = options.ClusterReadFrom == RespReadFrom.PreferReplica;
        _periodic = _time.CreateTimer(static state => ((ClusterRouter)state!).ScheduleRefresh(), this, options.ClusterRefreshInterval, options.ClusterRefreshInterval);
    }

    public SlotMap Map => Volatile.Read(ref _map);

    public RespClusterStatistics Statistics => new(
        Interlocked.Read(ref _moved), Interlocked.Read(ref _ask), Interlocked.Read(ref _refreshes), Interlocked.Read(ref _retries), Interlocked.Read(ref _failures));

    /// <summary>Reads served by a replica, and reads a replica was tried for and the primary then served (tests).</summary>
    internal (long Served, long FellBack) ReplicaReads => (Interlocked.Read(ref _replicaReads), Interlocked.Read(ref _replicaFallbacks));

    public int InFlight
    {
        get
        {
            var total = 0;
            foreach (var node in _nodes.Values)
            {
                total += node.Current?.InFlight ?? 0;
            }

            return total;
        }
    }

    /// <summary>Loads the slot map from one connection: <c>CLUSTER SHARDS</c>, or <c>CLUSTER SLOTS</c> before Redis 7.</summary>
    public static async Task<SlotMap> LoadAsync(RespConnection connection, string reachedHost, RespClientOptions options, TimeSpan timeout, bool duringHandshake)
    {
        List<ClusterShard> shards;
        try
        {
            var reply = await connection.SendAsync<ArgumentsCommand, RespValue, ValueParser>(
                new ArgumentsCommand("CLUSTER", new RespArgument[] { "SHARDS" }), timeout, duringHandshake).ConfigureAwait(false);
            shards = TopologyParser.ParseShards(reply, reachedHost, options.UseTls);
        }
        catch (RespServerException)
        {
            // Redis 6 has no CLUSTER SHARDS ("unknown subcommand").
            var reply = await connection.SendAsync<ArgumentsCommand, RespValue, ValueParser>(
                new ArgumentsCommand("CLUSTER", new RespArgument[] { "SLOTS" }), timeout, duringHandshake).ConfigureAwait(false);
            shards = TopologyParser.ParseSlots(reply, reachedHost);
        }

        var map = SlotMap.Build(shards, keepReplicas: options.ClusterReadFrom == RespReadFrom.PreferReplica);
        if (map.CoveredSlots == 0)
        {
            throw new RespConnectionException($"The cluster node {options.EndPointText} reports no slot owners; is the cluster created?");
        }

        return map;
    }

    /// <summary>Sends a command to the primary of its slot, following redirects and retrying as documented.</summary>
    public async ValueTask<T> SendAsync<TCommand, T, TParser>(TCommand command, CancellationToken cancellationToken)
        where TCommand : IRespCommand
        where TParser : IReplyParser<T>
    {
        var slot = command.GetSlot();
        if (slot == IRespCommand.CrossSlot)
        {
            throw new RespException(
                $"{command.Name}: the keys map to different hash slots, and in a Redis Cluster a multi-key command's keys must share one slot. " +
                "Give them a common hash tag, e.g. {user:1}:a and {user:1}:b. Nothing was sent.");
        }

        var start = _time.GetTimestamp();
        var deadline = start + _timeoutTicks;
        ClusterNode? askTarget = null;
        ClusterNode? movedTarget = null;
        var redirects = 0;
        var retries = 0;

        // One replica attempt per command, before any redirect or retry; the primary path below is the fallback.
        var tryReplica = _preferReplica && slot >= 0 && command.IsReadOnly;
        while (true)
        {
            var map = Map;
            if (tryReplica)
            {
                tryReplica = false;
                if (PickReplica(map, slot) is { } replica)
                {
                    var (served, value) = await TryReplicaAsync<TCommand, T, TParser>(replica, command, start, deadline, cancellationToken).ConfigureAwait(false);
                    if (served)
                    {
                        return value;
                    }

                    map = Map;
                }
            }

            // After MOVED the command goes where it was told, even when its slot was only a guess (ExecuteAsync).
            var target = askTarget ?? movedTarget ?? (slot >= 0 ? map.PrimaryOf(slot) : map.DefaultNode);
            RespConnection connection;
            try
            {
                if (target is null)
                {
                    throw new RespServerException($"CLUSTERDOWN Hash slot {slot} is not served by any node in the client's slot map.");
                }

                connection = await WaitForNodeAsync(target, deadline, command.Name, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (IsRetriable(exception, cancellationToken))
            {
                askTarget = null;
                movedTarget = null;
                retries = await RetryOrThrowAsync(exception, retries, deadline, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var pending = PendingReply<T, TParser>.Rent(command.Name, start, deadline, cancellationToken);
            try
            {
                if (askTarget is null)
                {
                    if (!connection.TrySend(command, pending))
                    {
                        pending.Discard();
                        continue;
                    }

                    return await pending.Task.ConfigureAwait(false);
                }

                var asking = PendingReply<bool, OkParser>.Rent("ASKING", start, deadline, CancellationToken.None);
                if (!connection.TrySendPair(default(AskingCommand), asking, command, pending))
                {
                    asking.Discard();
                    pending.Discard();
                    continue;
                }

                try
                {
                    await asking.Task.ConfigureAwait(false);
                }
                catch (RespException)
                {
                    // The command's own reply says what went wrong.
                }

                return await pending.Task.ConfigureAwait(false);
            }
            catch (RespServerException exception) when (exception.ErrorCode is "MOVED" or "ASK"
                && Redirect.TryParse(exception.Message, (askTarget ?? target!).Host, out var redirect))
            {
                if (++redirects > _options.ClusterMaxRedirects)
                {
                    Interlocked.Increment(ref _failures);
                    throw new RespServerException(
                        $"{command.Name} was redirected more than {_options.ClusterMaxRedirects} times (last: {exception.Message}); the cluster may be resharding.", exception);
                }

                var node = NodeFor(redirect.Value.Host, redirect.Value.Port);
                _metrics.Redirected(redirect.Value.IsAsk);
                if (redirect.Value.IsAsk)
                {
                    Interlocked.Increment(ref _ask);
                    askTarget = node;
                }
                else
                {
                    Interlocked.Increment(ref _moved);
                    askTarget = null;
                    movedTarget = node;
                    OnMoved(redirect.Value.Slot, node);
                }
            }
            catch (RespServerException exception) when (exception.ErrorCode is "TRYAGAIN" or "CLUSTERDOWN" or "LOADING" or "MASTERDOWN")
            {
                askTarget = null;
                movedTarget = null;
                retries = await RetryOrThrowAsync(exception, retries, deadline, cancellationToken).ConfigureAwait(false);
            }
            catch (RespConnectionException)
            {
                // Written and then lost: it may have run, so it is not repeated; the map is reloaded for the next ones.
                Interlocked.Increment(ref _failures);
                ScheduleRefresh();
                throw;
            }
        }
    }

    internal static Task OnReplicaHandshakeAsync(RespConnection connection, TimeSpan timeout) =>
        connection.SendAsync<ArgumentsCommand, bool, OkParser>(new ArgumentsCommand("READONLY", ReadOnlyMemory<RespArgument>.Empty), timeout, duringHandshake: true).AsTask();

    /// <summary>A healthy replica of the slot, round-robin; null when the slot has none or tracking is on.</summary>
    private ClusterNode? PickReplica(SlotMap map, int slot)
    {
        // A tracking client reads from primaries only: invalidations are followed on primaries' connections.
        var replicas = map.ReplicasOf(slot);
        if (replicas.IsEmpty || Volatile.Read(ref _tracking) is not null)
        {
            return null;
        }

        return replicas.Length == 1 ? replicas[0] : replicas[(int)(Interlocked.Increment(ref _replicaCursor) % (uint)replicas.Length)];
    }

    /// <summary>
    /// Sends a read to a replica. Not served (the caller falls back to the primary): the replica's connection is down
    /// (its first connect is waited for a slice of the timeout), it does not answer within that slice (paused, hung),
    /// the connection is lost (a read is safe to repeat), or it answers <c>MOVED</c> (slot moved: the primary path
    /// follows the redirect) or a cluster error.
    /// </summary>
    private async ValueTask<(bool Served, T Value)> TryReplicaAsync<TCommand, T, TParser>(ClusterNode replica, TCommand command, long start, long deadline, CancellationToken cancellationToken)
        where TCommand : IRespCommand
        where TParser : IReplyParser<T>
    {
        var slice = Math.Min(deadline, _time.GetTimestamp() + Math.Max(_timeoutTicks / MaxRetries, _time.TimestampFrequency / 10));
        try
        {
            var (supervisor, listener) = ReplicaSupervisorFor(replica);
            var connection = supervisor.Current;
            if (connection is not { IsOpen: true })
            {
                if (listener.EverConnected || supervisor.LastError is not null)
                {
                    Interlocked.Increment(ref _replicaFallbacks);
                    return (false, default!);
                }

                connection = await supervisor.WaitForOpenAsync(slice, command.Name, cancellationToken).ConfigureAwait(false);
            }

            var pending = PendingReply<T, TParser>.Rent(command.Name, start, slice, cancellationToken);
            if (!connection.TrySend(command, pending))
            {
                pending.Discard();
            }
            else
            {
                var value = await pending.Task.ConfigureAwait(false);
                Interlocked.Increment(ref _replicaReads);
                return (true, value);
            }
        }
        catch (RespServerException exception) when (exception.ErrorCode is "MOVED" or "ASK" or "TRYAGAIN" or "CLUSTERDOWN" or "LOADING" or "MASTERDOWN")
        {
            if (exception.ErrorCode == "MOVED")
            {
                ScheduleRefresh();
            }
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested
            && exception is RespConnectionException or RespTimeoutException or ObjectDisposedException)
        {
            // Down, unresponsive or lost in flight: the primary serves this read.
        }

        Interlocked.Increment(ref _replicaFallbacks);
        return (false, default!);
    }

    private (ConnectionSupervisor Supervisor, NodeConnectionListener Listener) ReplicaSupervisorFor(ClusterNode replica)
    {
        if (_replicaNodes.TryGetValue(replica.EndPoint, out var entry))
        {
            return entry;
        }

        lock (_nodesLock)
        {
            ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, typeof(RespClient));
            if (!_replicaNodes.TryGetValue(replica.EndPoint, out entry))
            {
                var listener = new NodeConnectionListener(this, replica: true);
                var supervisor = new ConnectionSupervisor(_options.ForNode(replica.Host, replica.Port), _metrics, _logger, pushArrays: false, listener);
                supervisor.ConnectInBackground(null);
                _replicaNodes[replica.EndPoint] = entry = (supervisor, listener);
            }

            return entry;
        }
    }

    /// <summary>Sends a command to one node, without redirects (SCAN of every primary, SCRIPT LOAD everywhere).</summary>
    public async ValueTask<T> SendToNodeAsync<TCommand, T, TParser>(ClusterNode node, TCommand command, CancellationToken cancellationToken)
        where TCommand : IRespCommand
        where TParser : IReplyParser<T>
    {
        var start = _time.GetTimestamp();
        var deadline = start + _timeoutTicks;
        while (true)
        {
            var connection = await WaitForNodeAsync(node, deadline, command.Name, cancellationToken).ConfigureAwait(false);
            var pending = PendingReply<T, TParser>.Rent(command.Name, start, deadline, cancellationToken);
            if (connection.TrySend(command, pending))
            {
                return await pending.Task.ConfigureAwait(false);
            }

            pending.Discard();
        }
    }

    /// <summary>Reloads the slot map soon, in the background; requests made while one runs cause one more run.</summary>
    public void ScheduleRefresh()
    {
        while (!_disposed.IsCancellationRequested)
        {
            var state = Volatile.Read(ref _refreshState);
            if (state == 0)
            {
                if (Interlocked.CompareExchange(ref _refreshState, 1, 0) == 0)
                {
                    _refreshLoop = Task.Run(RefreshLoopAsync);
                    return;
                }
            }
            else if (state == 1)
            {
                if (Interlocked.CompareExchange(ref _refreshState, 2, 1) == 1)
                {
                    return;
                }
            }
            else
            {
                return;
            }
        }
    }

    /// <summary>Reloads the slot map now and waits for it (tests, and callers that know the cluster changed).</summary>
    public Task<bool> RefreshNowAsync() => RefreshOnceAsync();

    public async ValueTask DisposeAsync()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        await _disposed.CancelAsync().ConfigureAwait(false);
        await _periodic.DisposeAsync().ConfigureAwait(false);
        try
        {
            await _refreshLoop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Disposal stops a refresh in progress.
        }

        foreach (var node in _nodes.Values)
        {
            await node.DisposeAsync().ConfigureAwait(false);
        }

        _nodes.Clear();
        foreach (var (supervisor, _) in _replicaNodes.Values)
        {
            await supervisor.DisposeAsync().ConfigureAwait(false);
        }

        _replicaNodes.Clear();
    }

    /// <summary>
    /// Turns tracking on for every connection: now on each primary's (connecting to each, since a broadcast
    /// only reaches the clients of the node where the key was written), later in each new connection's handshake.
    /// </summary>
    public async Task EnableTrackingAsync(RespTrackingOptions options, CancellationToken cancellationToken)
    {
        lock (_trackingLock)
        {
            _tracking = options;
        }

        var deadline = _time.GetTimestamp() + _timeoutTicks;
        var primaries = Map.Primaries;
        var connections = new Task<RespConnection>[primaries.Count];
        for (var i = 0; i < primaries.Count; i++)
        {
            connections[i] = SupervisorFor(primaries[i]).WaitForOpenAsync(deadline, "CLIENT TRACKING", cancellationToken).AsTask();
        }

        await Task.WhenAll(connections).ConfigureAwait(false);
        var tracking = new List<Task>(connections.Length);
        for (var i = 0; i < connections.Length; i++)
        {
            var connection = await connections[i].ConfigureAwait(false);
            if (connection.Protocol != RespProtocol.Resp3)
            {
                throw new NotSupportedException(
                    $"Client tracking needs RESP3 and the cluster node {primaries[i].EndPoint} speaks RESP2; use a pub/sub channel for invalidations instead.");
            }

            tracking.Add(TrackAsync(connection, _options.CommandTimeout, duringHandshake: false));
        }

        await Task.WhenAll(tracking).ConfigureAwait(false);
    }

    /// <summary>Another node for a seed or subscriber connection whose node is gone: a primary other than
    /// <paramref name="endPoint"/>, one with an open connection when there is one.</summary>
    public ClusterNode? PickOtherNode(string endPoint)
    {
        var open = new List<ClusterNode>();
        var others = new List<ClusterNode>();
        foreach (var primary in Map.Primaries)
        {
            if (primary.EndPoint == endPoint)
            {
                continue;
            }

            others.Add(primary);
            if (_nodes.TryGetValue(primary.EndPoint, out var supervisor) && supervisor.Current is { IsOpen: true })
            {
                open.Add(primary);
            }
        }

        var pool = open.Count > 0 ? open : others;
        return pool.Count == 0 ? null : pool[Random.Shared.Next(pool.Count)];
    }

    internal Task OnNodeHandshakeAsync(RespConnection connection, TimeSpan timeout) =>
        Volatile.Read(ref _tracking) is not null && connection.Protocol == RespProtocol.Resp3
            ? TrackAsync(connection, timeout, duringHandshake: true)
            : Task.CompletedTask;

    internal void OnNodeConnected(bool reconnected)
    {
        if (reconnected && Volatile.Read(ref _tracking) is not null)
        {
            // Tracking is on again (handshake); what was cached while the node was unreachable may be stale.
            _hub.Invalidate(new RespInvalidation(null, RespInvalidationReason.Reconnected));
        }
    }

    internal void OnNodeDisconnected()
    {
        if (Volatile.Read(ref _tracking) is not null)
        {
            _hub.Invalidate(new RespInvalidation(null, RespInvalidationReason.ConnectionLost));
        }

        ScheduleRefresh();
    }

    // Node connections never subscribe; their pushes are client-tracking invalidations.
    internal void OnNodePush(RespConnection connection, ReadOnlySequence<byte> frame) => _hub.OnPush(connection, frame);

    private Task TrackAsync(RespConnection connection, TimeSpan timeout, bool duringHandshake)
    {
        Task sent;
        lock (_trackingLock)
        {
            var options = _tracking!;
            if (_tracked.TryGetValue(connection, out var state) && ReferenceEquals(state.Options, options))
            {
                return state.Sent;
            }

            sent = RespClient.SendTrackingAsync(connection, options, timeout, duringHandshake);
            _tracked.AddOrUpdate(connection, new TrackingState(options, sent));
        }

        return sent;
    }

    /// <summary>
    /// A new map replaced <paramref name="previous"/>. When slots changed owner and tracking is on: every primary
    /// gets a tracking connection (a new owner's is tracked in its handshake, before any read can reach it), then
    /// one flush-all, because keys cached from the old owner may have changed on the new one unheard.
    /// </summary>
    private void OnMapReplaced(SlotMap previous, SlotMap next)
    {
        if (Volatile.Read(ref _tracking) is null || previous.HasSameOwners(next))
        {
            return;
        }

        foreach (var primary in next.Primaries)
        {
            try
            {
                if (SupervisorFor(primary).Current is { IsOpen: true, Protocol: RespProtocol.Resp3 } connection)
                {
                    // Opened before tracking was enabled (an ASK target, say): no-op when already tracked.
                    _ = TrackAsync(connection, _options.CommandTimeout, duringHandshake: false).ContinueWith(
                        static (task, state) => RespLog.RestoreFailed((ILogger)state!, "client tracking", "cluster node", task.Exception!.GetBaseException()),
                        _logger, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                }
            }
            catch (ObjectDisposedException)
            {
                return;
            }
        }

        _hub.Invalidate(new RespInvalidation(null, RespInvalidationReason.TopologyChanged));
    }

    private static bool IsRetriable(Exception exception, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested
        && exception is RespConnectionException or RespTimeoutException or ObjectDisposedException
            or RespServerException { ErrorCode: "CLUSTERDOWN" };

    private async ValueTask<RespConnection> WaitForNodeAsync(ClusterNode node, long deadline, string commandName, CancellationToken cancellationToken)
    {
        var supervisor = SupervisorFor(node);
        var current = supervisor.Current;
        if (current is { IsOpen: true })
        {
            return current;
        }

        // A node that stays down is waited for only a slice of the timeout: the refreshed map may move its slots.
        var slice = _time.GetTimestamp() + Math.Max(_timeoutTicks / MaxRetries, _time.TimestampFrequency / 10);
        return await supervisor.WaitForOpenAsync(Math.Min(slice, deadline), commandName, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<int> RetryOrThrowAsync(Exception exception, int retries, long deadline, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, typeof(RespClient));
        var remaining = _time.GetElapsedTime(_time.GetTimestamp(), deadline);
        if (++retries > MaxRetries || remaining <= TimeSpan.Zero)
        {
            Interlocked.Increment(ref _failures);
            if (exception is RespException)
            {
                throw exception;
            }

            throw new RespConnectionException($"The cluster node for this command could not be reached: {exception.Message}", exception);
        }

        Interlocked.Increment(ref _retries);
        ScheduleRefresh();
        var delay = TimeSpan.FromTicks(RetryBaseDelay.Ticks << (retries - 1));
        delay = TimeSpan.FromTicks((long)(delay.Ticks * (0.5 + (Random.Shared.NextDouble() / 2))));
        await Task.Delay(delay < remaining ? delay : remaining, _time, cancellationToken).ConfigureAwait(false);
        return retries;
    }

    private void OnMoved(int slot, ClusterNode node)
    {
        while (true)
        {
            var map = Map;
            if (map.PrimaryOf(slot) is { } owner && owner.EndPoint == node.EndPoint)
            {
                // The map already agrees: the command was sent elsewhere on a guess (ExecuteAsync) or raced an update.
                return;
            }

            var next = map.WithOwner(slot, node);
            if (Interlocked.CompareExchange(ref _map, next, map) == map)
            {
                OnMapReplaced(map, next);
                ScheduleRefresh();
                return;
            }
        }
    }

    private ClusterNode NodeFor(string host, int port)
    {
        var endPoint = ClusterNode.FormatEndPoint(host, port);
        return Map.Find(endPoint) ?? new ClusterNode(host, port, null);
    }

    private ConnectionSupervisor SupervisorFor(ClusterNode node)
    {
        if (_nodes.TryGetValue(node.EndPoint, out var supervisor))
        {
            return supervisor;
        }

        lock (_nodesLock)
        {
            ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, typeof(RespClient));
            if (!_nodes.TryGetValue(node.EndPoint, out supervisor))
            {
                supervisor = new ConnectionSupervisor(_options.ForNode(node.Host, node.Port), _metrics, _logger, pushArrays: false, new NodeConnectionListener(this));
                supervisor.ConnectInBackground(null);
                _nodes[node.EndPoint] = supervisor;
            }

            return supervisor;
        }
    }

    private async Task RefreshLoopAsync()
    {
        while (true)
        {
            try
            {
                await RefreshOnceAsync().ConfigureAwait(false);
            }
#pragma warning disable CA1031 // A failed background refresh is logged; the next trigger tries again.
            catch (Exception exception) when (exception is not OperationCanceledException)
#pragma warning restore CA1031
            {
                RespLog.TopologyRefreshFailed(_logger, exception);
            }

            var spacing = MinRefreshSpacing;
            if (AnyPrimaryDown() && !_disposed.IsCancellationRequested)
            {
                // A primary's connection is down: its replica may be promoted any moment, and until the map says so
                // its slots fail and, with tracking on, the new owner's changes go unheard. Keep reloading.
                spacing = WhilePrimaryDownSpacing;
                Volatile.Write(ref _refreshState, 1);
            }
            else if (Interlocked.CompareExchange(ref _refreshState, 0, 1) == 1 || _disposed.IsCancellationRequested)
            {
                return;
            }
            else
            {
                // Asked again while running: run once more, spaced so a burst of MOVED does not hammer the cluster.
                Volatile.Write(ref _refreshState, 1);
            }

            try
            {
                await Task.Delay(spacing, _time, _disposed.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Volatile.Write(ref _refreshState, 0);
                return;
            }
        }
    }

    private bool AnyPrimaryDown()
    {
        foreach (var primary in Map.Primaries)
        {
            if (_nodes.TryGetValue(primary.EndPoint, out var supervisor) && supervisor.Current is not { IsOpen: true })
            {
                return true;
            }
        }

        return false;
    }

    private async Task<bool> RefreshOnceAsync()
    {
        Exception? lastError = null;
        foreach (var (connection, host) in Candidates())
        {
            if (_disposed.IsCancellationRequested)
            {
                return false;
            }

            try
            {
                var map = await LoadAsync(connection, host, _options, _options.ConnectTimeout, duringHandshake: false).ConfigureAwait(false);
                var previous = Interlocked.Exchange(ref _map, map);
                OnMapReplaced(previous, map);
                Interlocked.Increment(ref _refreshes);
                _metrics.TopologyRefreshed();
                RespLog.TopologyLoaded(_logger, ClusterNode.FormatEndPoint(host, _options.Port), map.Primaries.Count, map.CoveredSlots);
                ForgetUnusedNodes(map);
                return true;
            }
            catch (RespException exception)
            {
                lastError = exception;
            }
        }

        RespLog.TopologyRefreshFailed(_logger, lastError);
        return false;
    }

    private List<(RespConnection Connection, string Host)> Candidates()
    {
        // Open connections only: a refresh must not wait on the node that just failed.
        var candidates = new List<(RespConnection, string)>();
        foreach (var primary in Map.Primaries)
        {
            if (_nodes.TryGetValue(primary.EndPoint, out var supervisor) && supervisor.Current is { IsOpen: true } connection)
            {
                candidates.Add((connection, primary.Host));
            }
        }

        foreach (var (endPoint, supervisor) in _nodes)
        {
            if (Map.Find(endPoint) is null && supervisor.Current is { IsOpen: true } connection)
            {
                candidates.Add((connection, RespClientOptions.TryParseEndpoint(endPoint, out var host, out _) ? host : _options.Host));
            }
        }

        if (_seed.Current is { IsOpen: true } seed)
        {
            candidates.Add((seed, _seed.Options.Host));
        }

        // Ask a different node first each time, so one node's stale view is not trusted forever.
        if (candidates.Count > 1)
        {
            var first = Random.Shared.Next(candidates.Count);
            (candidates[0], candidates[first]) = (candidates[first], candidates[0]);
        }

        return candidates;
    }

    private void ForgetUnusedNodes(SlotMap map)
    {
        List<ConnectionSupervisor>? unused = null;
        lock (_nodesLock)
        {
            foreach (var (endPoint, supervisor) in _nodes)
            {
                if (map.Find(endPoint) is null && supervisor.Current is not { IsOpen: true })
                {
                    // Only dead connections to nodes that own nothing: a live one may still serve an ASK target.
                    _nodes.TryRemove(endPoint, out _);
                    (unused ??= []).Add(supervisor);
                }
            }

            foreach (var (endPoint, (supervisor, _)) in _replicaNodes)
            {
                if (!map.HasReplica(endPoint) && supervisor.Current is not { IsOpen: true })
                {
                    _replicaNodes.TryRemove(endPoint, out _);
                    (unused ??= []).Add(supervisor);
                }
            }
        }

        foreach (var supervisor in unused ?? [])
        {
            _ = supervisor.DisposeAsync().AsTask();
        }
    }
}

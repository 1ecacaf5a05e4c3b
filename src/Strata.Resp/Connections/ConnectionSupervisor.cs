using System.Buffers;
using Microsoft.Extensions.Logging;
using Strata.Resp.Diagnostics;

namespace Strata.Resp.Connections;

/// <summary>
/// Keeps one logical connection alive: connects, runs the handshake and the owner's restore step (tracking,
/// subscriptions) before callers may use it, and on failure reconnects with exponential backoff and jitter.
/// </summary>
internal sealed class ConnectionSupervisor : IConnectionOwner, IAsyncDisposable
{
    private readonly RespMetrics _metrics;
    private readonly ILogger _logger;
    private readonly bool _pushArrays;
    private readonly IConnectionListener _listener;
    private readonly CancellationTokenSource _disposed = new();
    private readonly Lock _lock = new();
    private readonly Func<RespClientOptions, int, RespClientOptions?>? _relocate;

    // Mutable only through _relocate (a cluster connection that moves to another node); read wherever it is used.
    private RespClientOptions _options;
    private RespConnection? _current;
    private TaskCompletionSource<RespConnection> _opened = NewOpenedSignal();
    private Exception? _lastError;
    private bool _reconnecting;
    private Task _reconnectLoop = Task.CompletedTask;

    // relocate is asked before every reconnect attempt (with the current target and the attempt number, from 1)
    // for another node to connect to instead, or null to keep the target: a cluster client's seed and subscriber
    // connections move to a live node when theirs is gone. Null for a connection bound to one server.
    public ConnectionSupervisor(
        RespClientOptions options, RespMetrics metrics, ILogger logger, bool pushArrays, IConnectionListener listener,
        Func<RespClientOptions, int, RespClientOptions?>? relocate = null)
    {
        _options = options;
        _relocate = relocate;
        _metrics = metrics;
        _logger = logger;
        _pushArrays = pushArrays;
        _listener = listener;
    }

    /// <summary>The open connection, or null while (re)connecting.</summary>
    public RespConnection? Current => Volatile.Read(ref _current);

    /// <summary>The options of the current target (they change when the connection is relocated).</summary>
    public RespClientOptions Options => Volatile.Read(ref _options);

    /// <summary>The error of the last failed connection or attempt, for messages.</summary>
    public Exception? LastError => Volatile.Read(ref _lastError);

    /// <summary>The timestamp <paramref name="timeout"/> from now, for <see cref="WaitForOpenAsync"/>.</summary>
    public long DeadlineAfter(TimeSpan timeout) =>
        _options.TimeProvider.GetTimestamp() + (long)(timeout.TotalSeconds * _options.TimeProvider.TimestampFrequency);

    /// <summary>Makes the first connection; throws (after cleaning up) if it cannot be made.</summary>
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        Publish(connection);
    }

    /// <summary>
    /// Makes the first connection to the first of <paramref name="targets"/> (cluster seeds) that answers, each
    /// tried in order within the connect timeout, and keeps that one as the target. Only a connection failure
    /// moves on: a refused password or a server error would be the same on every seed. Throws one
    /// <see cref="RespConnectionException"/> naming each target's error when none answers.
    /// </summary>
    public async Task ConnectAsync(IReadOnlyList<RespClientOptions> targets, CancellationToken cancellationToken)
    {
        var errors = new List<Exception>(targets.Count);
        for (var i = 0; i < targets.Count; i++)
        {
            Volatile.Write(ref _options, targets[i]);
            try
            {
                var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
                Publish(connection);
                return;
            }
            catch (Exception exception) when (exception is RespConnectionException or RespTimeoutException && !cancellationToken.IsCancellationRequested)
            {
                Volatile.Write(ref _lastError, exception);
                errors.Add(exception);
                if (i + 1 < targets.Count)
                {
                    RespLog.SeedUnreachable(_logger, targets[i].EndPointText, targets[i + 1].EndPointText, exception);
                }
            }
        }

        // Each error already names its endpoint when it comes from the transport; the others get it prefixed.
        var details = targets.Select((target, i) =>
            errors[i].Message.Contains(target.EndPointText, StringComparison.Ordinal) ? errors[i].Message : $"{target.EndPointText}: {errors[i].Message}");
        throw new RespConnectionException(
            $"None of the {targets.Count} seeds could be reached: {string.Join(" | ", details)}", new AggregateException(errors));
    }

    /// <summary>
    /// Starts connecting in the background, for a client created without waiting (or whose first attempt
    /// failed and that should keep trying).
    /// </summary>
    public void ConnectInBackground(Exception? firstError)
    {
        lock (_lock)
        {
            _lastError = firstError;
            StartReconnectLoop();
        }
    }

    /// <summary>
    /// Waits for an open connection until <paramref name="deadline"/> (a <see cref="TimeProvider"/> timestamp).
    /// </summary>
    public async ValueTask<RespConnection> WaitForOpenAsync(long deadline, string commandName, CancellationToken cancellationToken)
    {
        var time = _options.TimeProvider;
        while (true)
        {
            ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, typeof(RespClient));
            var current = Current;
            if (current is { IsOpen: true })
            {
                return current;
            }

            if (!_options.WaitForReconnect)
            {
                throw new RespConnectionException(
                    $"{commandName} failed at once: not connected to {_options.EndPointText} and WaitForReconnect is off. Last error: {LastError?.Message ?? "none"}",
                    LastError ?? new InvalidOperationException("Not connected."));
            }

            var remaining = time.GetElapsedTime(time.GetTimestamp(), deadline);
            if (remaining <= TimeSpan.Zero)
            {
                throw new RespTimeoutException(
                    $"{commandName} timed out after {_options.CommandTimeout.TotalMilliseconds:F0} ms waiting for a connection to {_options.EndPointText}. Last error: {LastError?.Message ?? "none"}");
            }

            Task<RespConnection> opened;
            lock (_lock)
            {
                opened = _opened.Task;
            }

            try
            {
                await opened.WaitAsync(remaining, time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Loop: the next pass reports the timeout with the last connection error.
            }
        }
    }

    public void OnPush(RespConnection connection, ReadOnlySequence<byte> frame) => _listener.OnPush(connection, frame);

    public void OnConnectionClosed(RespConnection connection, Exception reason, int failedCommands)
    {
        lock (_lock)
        {
            if (!ReferenceEquals(_current, connection))
            {
                return;
            }

            _current = null;
            _lastError = reason;
            if (_opened.Task.IsCompleted)
            {
                _opened = NewOpenedSignal();
            }
        }

        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        RespLog.Disconnected(_logger, _options.EndPointText, failedCommands, reason);
        _listener.OnDisconnected(reason);
        lock (_lock)
        {
            StartReconnectLoop();
        }

        // The dead connection's loops end by themselves; release its buffers in the background.
        _ = connection.DisposeAsync().AsTask();
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        await _disposed.CancelAsync().ConfigureAwait(false);
        RespConnection? current;
        lock (_lock)
        {
            current = _current;
            _current = null;
            _opened.TrySetException(new ObjectDisposedException(nameof(RespClient)));
        }

        if (current is not null)
        {
            await current.DisposeAsync().ConfigureAwait(false);
        }

        try
        {
            await _reconnectLoop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Disposal cancels a reconnect in progress.
        }

        _disposed.Dispose();
    }

    private void StartReconnectLoop()
    {
        if (_reconnecting || _disposed.IsCancellationRequested)
        {
            return;
        }

        _reconnecting = true;
        _reconnectLoop = Task.Run(ReconnectLoopAsync);
    }

    private async Task ReconnectLoopAsync()
    {
        var time = _options.TimeProvider;
        var started = time.GetTimestamp();
        var delay = _options.ReconnectBaseDelay;
        for (var attempt = 1; !_disposed.IsCancellationRequested; attempt++)
        {
            try
            {
                if (_relocate?.Invoke(_options, attempt) is { } elsewhere)
                {
                    Volatile.Write(ref _options, elsewhere);
                }

                var connection = await OpenAsync(_disposed.Token).ConfigureAwait(false);
                lock (_lock)
                {
                    _reconnecting = false;
                }

                _metrics.Reconnected();
                RespLog.Reconnected(_logger, _options.EndPointText, attempt, (long)time.GetElapsedTime(started).TotalMilliseconds);
                Publish(connection);
                return;
            }
            catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                Volatile.Write(ref _lastError, exception);

                // Full jitter keeps many clients from reconnecting in lockstep after a server restart.
                var wait = TimeSpan.FromTicks((long)(delay.Ticks * (0.5 + (Random.Shared.NextDouble() / 2))));
                RespLog.ReconnectFailed(_logger, attempt, _options.EndPointText, (long)wait.TotalMilliseconds, exception);
                try
                {
                    await Task.Delay(wait, time, _disposed.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.ReconnectMaxDelay.Ticks));
            }
        }
    }

    private async Task<RespConnection> OpenAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ConnectTimeout);
        Stream stream;
        try
        {
            stream = await Transport.ConnectAsync(_options, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RespConnectionException($"Connecting to {_options.EndPointText} timed out after {_options.ConnectTimeout.TotalMilliseconds:F0} ms.");
        }

        var connection = new RespConnection(stream, _options, this, _metrics, _logger, _pushArrays);
        connection.Start();
        try
        {
            await Handshake.RunAsync(connection, _options, _logger, _options.ConnectTimeout).ConfigureAwait(false);
            await _listener.OnHandshakeAsync(connection, _options.ConnectTimeout).ConfigureAwait(false);
        }
        catch (RespTimeoutException exception)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new RespConnectionException($"The handshake with {_options.EndPointText} got no answer within {_options.ConnectTimeout.TotalMilliseconds:F0} ms.", exception);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return connection;
    }

    private void Publish(RespConnection connection)
    {
        connection.MarkOpen();
        TaskCompletionSource<RespConnection> opened;
        lock (_lock)
        {
            if (_disposed.IsCancellationRequested)
            {
                _ = connection.DisposeAsync().AsTask();
                return;
            }

            _current = connection;
            opened = _opened;
        }

        if (connection.IsFaulted)
        {
            // It failed between the handshake and publication; its close was ignored then, so handle it now.
            OnConnectionClosed(connection, connection.Fault!, 0);
            return;
        }

        RespLog.Connected(_logger, _options.EndPointText, (int)connection.Protocol, connection.ServerVersion, connection.ClientId);
        opened.TrySetResult(connection);
        _listener.OnConnected(connection);
    }

    private static TaskCompletionSource<RespConnection> NewOpenedSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

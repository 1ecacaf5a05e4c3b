using System.Buffers;
using System.IO.Pipelines;
using Microsoft.Extensions.Logging;
using Strata.Resp.Buffers;
using Strata.Resp.Commands;
using Strata.Resp.Diagnostics;
using Strata.Resp.Protocol;
using Strata.Resp.Replies;

namespace Strata.Resp.Connections;

/// <summary>
/// One socket to the server, shared by any number of concurrent callers.
/// </summary>
/// <remarks>
/// <para>Writing: callers serialize their command into the pending buffer and append their reply slot to the
/// FIFO under one lock, so byte order and FIFO order always agree. A single writer loop swaps the pending
/// buffer for a spare and sends it with one write, so commands issued while a write is in progress leave
/// together (coalescing without a timer).</para>
/// <para>Reading: a single reader loop frames replies, routes push frames (pub/sub, invalidations) to the
/// owner, and completes the FIFO head with every other frame. Completion runs callers' continuations on
/// the thread pool, never on the reader loop.</para>
/// <para>Failure: any read or write error, a protocol anomaly, an unexpected reply, or a server silent for
/// longer than the unresponsive timeout tears the connection down and fails everything in flight; a
/// desynchronised FIFO is never risked.</para>
/// </remarks>
internal sealed class RespConnection : IAsyncDisposable
{
    private const int Handshaking = 0;
    private const int Open = 1;
    private const int Faulted = 2;

    private static readonly TimeSpan SweepPeriod = TimeSpan.FromMilliseconds(100);

    private readonly Stream _stream;
    private readonly RespClientOptions _options;
    private readonly IConnectionOwner _owner;
    private readonly RespMetrics _metrics;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly bool _pushArrays;
    private readonly Lock _writeLock = new();
    private readonly Lock _queueLock = new();
    private readonly PendingQueue _queue = new();
    private readonly AsyncAutoResetSignal _writeSignal = new();
    private readonly ITimer _sweepTimer;
    private readonly long _openedTimestamp;
    private readonly CancellationTokenSource _shutdown = new();

    private PooledBufferWriter _pendingWrites = new();
    private PooledBufferWriter _spareWrites = new();
    private bool _writeRequested;
    private int _state = Handshaking;
    private long _unreadBytes;
    private long _lastReadTimestamp;
    private long _lastWriteTimestamp;
    private Exception? _fault;
    private Task _readLoop = Task.CompletedTask;
    private Task _writeLoop = Task.CompletedTask;

    /// <param name="stream">The connected (and, for TLS, authenticated) stream; the connection owns it.</param>
    /// <param name="options">The client's options.</param>
    /// <param name="owner">Receives push frames and the fault notification.</param>
    /// <param name="metrics">The client's instruments.</param>
    /// <param name="pushArrays">
    /// RESP2 subscriber connection: arrays of kind <c>message</c>/<c>pmessage</c> and subscription
    /// confirmations are push frames, as they are on RESP3 with the <c>&gt;</c> prefix.
    /// </param>
    /// <param name="logger">Where timeouts are logged.</param>
    public RespConnection(Stream stream, RespClientOptions options, IConnectionOwner owner, RespMetrics metrics, ILogger logger, bool pushArrays)
    {
        _logger = logger;
        _stream = stream;
        _options = options;
        _owner = owner;
        _metrics = metrics;
        _time = options.TimeProvider;
        _pushArrays = pushArrays;
        _openedTimestamp = _time.GetTimestamp();
        _lastReadTimestamp = _openedTimestamp;
        _lastWriteTimestamp = _openedTimestamp;
        _sweepTimer = _time.CreateTimer(static state => ((RespConnection)state!).Sweep(), this, SweepPeriod, SweepPeriod);
    }

    /// <summary>The protocol agreed in the handshake.</summary>
    public RespProtocol Protocol { get; set; } = RespProtocol.Resp2;

    /// <summary>The server's id for this connection (<c>CLIENT ID</c>), 0 when unknown.</summary>
    public long ClientId { get; set; }

    /// <summary>The server version reported in the handshake, when it reported one.</summary>
    public string? ServerVersion { get; set; }

    /// <summary>Whether user commands can be sent now.</summary>
    public bool IsOpen => Volatile.Read(ref _state) == Open;

    /// <summary>Whether the connection has failed or been disposed.</summary>
    public bool IsFaulted => Volatile.Read(ref _state) == Faulted;

    /// <summary>Commands written and still waiting for their reply (including ones whose caller gave up).</summary>
    public int InFlight
    {
        get
        {
            lock (_queueLock)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>The failure that closed the connection, once it has failed.</summary>
    public Exception? Fault => Volatile.Read(ref _fault);

    /// <summary>Starts the reader and writer loops. Commands may then be sent for the handshake.</summary>
    public void Start()
    {
        _readLoop = Task.Run(ReadLoopAsync);
        _writeLoop = Task.Run(WriteLoopAsync);
    }

    /// <summary>Marks the handshake done: user commands may now use the connection.</summary>
    public void MarkOpen()
    {
        lock (_writeLock)
        {
            if (_state == Handshaking)
            {
                _state = Open;
            }
        }
    }

    /// <summary>
    /// Writes <paramref name="command"/> and queues <paramref name="pending"/> for its reply. Returns false,
    /// having written nothing, when the connection cannot take commands (not yet open, or failed).
    /// </summary>
    /// <param name="command">The command to write.</param>
    /// <param name="pending">The reply slot to queue.</param>
    /// <param name="duringHandshake">Allows sending before <see cref="MarkOpen"/>; for the handshake only.</param>
    public bool TrySend<TCommand>(in TCommand command, PendingReply pending, bool duringHandshake = false)
        where TCommand : IRespCommand
    {
        bool signal;
        lock (_writeLock)
        {
            if (_state != Open && !(duringHandshake && _state == Handshaking))
            {
                return false;
            }

            var mark = _pendingWrites.WrittenCount;
            try
            {
                var writer = new RespWriter(_pendingWrites);
                command.Write(ref writer);
                writer.Commit();
            }
            catch
            {
                // Undo a partly written command so the byte stream holds only whole commands.
                _pendingWrites.Truncate(mark);
                throw;
            }

            lock (_queueLock)
            {
                _queue.Enqueue(pending);
            }

            signal = !_writeRequested;
            _writeRequested = true;
        }

        if (signal)
        {
            _writeSignal.Set();
        }

        return true;
    }

    /// <summary>
    /// Writes two commands back to back under one lock, so no other caller's command can come between them:
    /// <c>ASKING</c> applies only to the very next command on the connection. Returns false, having written
    /// nothing, when the connection cannot take commands.
    /// </summary>
    public bool TrySendPair<TFirst, TSecond>(in TFirst first, PendingReply firstPending, in TSecond second, PendingReply secondPending)
        where TFirst : IRespCommand
        where TSecond : IRespCommand
    {
        bool signal;
        lock (_writeLock)
        {
            if (_state != Open)
            {
                return false;
            }

            var mark = _pendingWrites.WrittenCount;
            try
            {
                var writer = new RespWriter(_pendingWrites);
                first.Write(ref writer);
                second.Write(ref writer);
                writer.Commit();
            }
            catch
            {
                _pendingWrites.Truncate(mark);
                throw;
            }

            lock (_queueLock)
            {
                _queue.Enqueue(firstPending);
                _queue.Enqueue(secondPending);
            }

            signal = !_writeRequested;
            _writeRequested = true;
        }

        if (signal)
        {
            _writeSignal.Set();
        }

        return true;
    }

    /// <summary>
    /// Sends an internal command (handshake, restore, heartbeat) with its own timeout; fails the returned task
    /// instead of returning false when the connection cannot take it.
    /// </summary>
    /// <param name="command">The command.</param>
    /// <param name="timeout">How long to wait for the reply.</param>
    /// <param name="duringHandshake">Whether the command is part of the handshake (sent before the connection is open).</param>
    /// <param name="confirmations">For SUBSCRIBE-family commands, the number of channels (push confirmations to expect).</param>
    public ValueTask<T> SendAsync<TCommand, T, TParser>(TCommand command, TimeSpan timeout, bool duringHandshake, int confirmations = 0)
        where TCommand : IRespCommand
        where TParser : IReplyParser<T>
    {
        var now = _time.GetTimestamp();
        var pending = PendingReply<T, TParser>.Rent(command.Name, now, now + (long)(timeout.TotalSeconds * _time.TimestampFrequency), CancellationToken.None);
        pending.PendingConfirmations = confirmations;
        if (!TrySend(command, pending, duringHandshake))
        {
            pending.TryFail(new RespConnectionException($"The connection to {_options.EndPointText} closed before {command.Name} was sent.", Fault ?? new InvalidOperationException("closed")));
            pending.ReleaseFromQueue();
        }

        return pending.Task;
    }

    /// <summary>
    /// Tears the connection down: closes the socket and fails every command in flight. Idempotent; the owner
    /// is told once.
    /// </summary>
    public void Close(Exception reason)
    {
        lock (_writeLock)
        {
            if (_state == Faulted)
            {
                return;
            }

            _state = Faulted;
            _fault = reason;
        }

        _sweepTimer.Dispose();
        _shutdown.Cancel();
        _writeSignal.Set();
        try
        {
            _stream.Dispose();
        }
        catch (IOException)
        {
            // Closing a broken socket may fail; it is gone either way.
        }

        int failed;
        lock (_queueLock)
        {
            failed = _queue.Count;
            var message = $"The connection to {_options.EndPointText} was closed with {failed} command(s) in flight: {reason.Message}";
            while (_queue.TryDequeue(out var pending))
            {
                pending!.TryFail(new RespConnectionException(message, reason));
                pending.ReleaseFromQueue();
            }
        }

        _owner.OnConnectionClosed(this, reason, failed);
    }

    public async ValueTask DisposeAsync()
    {
        Close(new ObjectDisposedException(nameof(RespClient), "The client was disposed."));
        await Task.WhenAll(_readLoop, _writeLoop).ConfigureAwait(false);
        _shutdown.Dispose();
        lock (_writeLock)
        {
            _pendingWrites.Dispose();
            _spareWrites.Dispose();
        }
    }

    /// <summary>A description of the connection's state for error messages.</summary>
    public string DescribeState()
    {
        var now = _time.GetTimestamp();
        return $"{InFlight} command(s) in flight on {_options.EndPointText}, nothing read for " +
            $"{_time.GetElapsedTime(Volatile.Read(ref _lastReadTimestamp), now).TotalMilliseconds:F0} ms, " +
            $"connection {StateName(Volatile.Read(ref _state))} for {_time.GetElapsedTime(_openedTimestamp, now).TotalSeconds:F1} s";
    }

    private async Task ReadLoopAsync()
    {
        var reader = PipeReader.Create(_stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 8 * 1024, leaveOpen: true));
        var scanner = new RespFrameScanner(Math.Max(_options.MaxValueLength, RespLimits.DefaultMaxBulkLength), RespLimits.DefaultMaxAggregateLength);
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(_shutdown.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                if (buffer.Length > _unreadBytes)
                {
                    Volatile.Write(ref _lastReadTimestamp, _time.GetTimestamp());
                    _metrics.BytesReceived(buffer.Length - _unreadBytes);
                }

                var consumed = ProcessFrames(ref scanner, buffer);
                _unreadBytes = buffer.Length - consumed;
                reader.AdvanceTo(buffer.GetPosition(consumed), buffer.End);
                if (result.IsCompleted)
                {
                    Close(new RespConnectionException($"The server closed the connection to {_options.EndPointText}."));
                    return;
                }
            }
        }
        catch (Exception exception)
        {
            Close(exception is OperationCanceledException && _shutdown.IsCancellationRequested
                ? Fault ?? exception
                : exception);
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }
    }

    private long ProcessFrames(ref RespFrameScanner scanner, ReadOnlySequence<byte> buffer)
    {
        long consumed = 0;
        while (scanner.TryFindFrame(buffer.Slice(consumed), out var length))
        {
            Dispatch(buffer.Slice(consumed, length));
            consumed += length;
        }

        return consumed;
    }

    private void Dispatch(ReadOnlySequence<byte> frame)
    {
        var reader = new RespReader(frame);
        reader.ReadToken();
        if (reader.Type == RespType.Push || (_pushArrays && reader.Type == RespType.Array && reader.Length > 0))
        {
            var kind = PushKind.Of(reader);
            if (kind == PushKind.Confirmation && TryConfirmSubscription(ref reader))
            {
                return;
            }

            // A RESP3 push is never a reply; a RESP2 subscriber array is one only when it is not pub/sub traffic.
            if (kind != PushKind.None || reader.Type == RespType.Push)
            {
                _owner.OnPush(this, frame);
                return;
            }
        }

        PendingReply? pending;
        lock (_queueLock)
        {
            _queue.TryDequeue(out pending);
        }

        if (pending is null)
        {
            throw new RespProtocolException($"The server sent a reply ({reader.Describe()}) when no command was waiting for one.");
        }

        Complete(pending, ref reader);
    }

    // Subscription confirmations answer the SUBSCRIBE-family command at the head of the FIFO, one per channel.
    private bool TryConfirmSubscription(ref RespReader reader)
    {
        PendingReply? pending;
        lock (_queueLock)
        {
            if (!_queue.TryPeek(out pending) || pending!.PendingConfirmations == 0)
            {
                // The server unsubscribed us on its own (or a reply we never asked for): route it as a push.
                return false;
            }

            if (--pending.PendingConfirmations > 0)
            {
                return true;
            }

            _queue.TryDequeue(out _);
        }

        Complete(pending, ref reader);
        return true;
    }

    private void Complete(PendingReply pending, ref RespReader reader)
    {
        // Recorded before the caller is released, so a caller that reads the metric after its await sees it.
        _metrics.RecordDuration(pending.CommandName, pending.StartTimestamp, _time);
        try
        {
            pending.OnReply(ref reader);
        }
        finally
        {
            pending.ReleaseFromQueue();
        }
    }

    private async Task WriteLoopAsync()
    {
        try
        {
            while (true)
            {
                await _writeSignal.WaitAsync().ConfigureAwait(false);
                PooledBufferWriter batch;
                lock (_writeLock)
                {
                    if (_state == Faulted)
                    {
                        return;
                    }

                    batch = _pendingWrites;
                    _pendingWrites = _spareWrites;
                    _spareWrites = batch;
                    _writeRequested = false;
                }

                if (batch.WrittenCount == 0)
                {
                    continue;
                }

                await _stream.WriteAsync(batch.WrittenMemory, _shutdown.Token).ConfigureAwait(false);
                Volatile.Write(ref _lastWriteTimestamp, _time.GetTimestamp());
                _metrics.BytesSent(batch.WrittenCount);
                batch.Reset();
            }
        }
        catch (Exception exception)
        {
            // A failed write may have sent part of a command: nothing after it can be trusted, so tear down.
            Close(exception is OperationCanceledException && _shutdown.IsCancellationRequested ? Fault ?? exception : exception);
        }
    }

    // Runs every SweepPeriod: fails callers past their deadline (their replies stay queued), replaces a
    // connection whose server has gone silent, and pings an idle one so silence is noticed even without traffic.
    private void Sweep()
    {
        if (Volatile.Read(ref _state) == Faulted)
        {
            return;
        }

        var now = _time.GetTimestamp();
        var oldestStart = long.MaxValue;
        var inFlight = 0;
        var timedOut = 0;
        string? firstTimedOut = null;
        long firstTimedOutStart = 0;
        lock (_queueLock)
        {
            inFlight = _queue.Count;
            for (var i = 0; i < inFlight; i++)
            {
                var pending = _queue[i];
                if (i == 0)
                {
                    oldestStart = pending.StartTimestamp;
                }

                if (now >= pending.DeadlineTimestamp && !pending.IsCompleted
                    && pending.TryFail(new RespTimeoutException(
                        $"{pending.CommandName} timed out after {_time.GetElapsedTime(pending.StartTimestamp, now).TotalMilliseconds:F0} ms: {DescribeState()}.")))
                {
                    _metrics.Timeout(pending.CommandName);
                    if (timedOut++ == 0)
                    {
                        // Copied now: once the lock is released the reply may be read and the object recycled.
                        firstTimedOut = pending.CommandName;
                        firstTimedOutStart = pending.StartTimestamp;
                    }
                }
            }
        }

        if (firstTimedOut is not null && _logger.IsEnabled(LogLevel.Warning))
        {
            // One line per sweep, not per command: a stalled server must not flood the log.
            RespLog.TimedOut(_logger, timedOut, _options.EndPointText, firstTimedOut,
                (long)_time.GetElapsedTime(firstTimedOutStart, now).TotalMilliseconds, DescribeState());
        }

        var lastRead = Volatile.Read(ref _lastReadTimestamp);
        if (inFlight > 0)
        {
            var waitingSince = Math.Max(lastRead, oldestStart);
            if (_time.GetElapsedTime(waitingSince, now) > _options.UnresponsiveTimeout)
            {
                Close(new RespConnectionException(
                    $"The server at {_options.EndPointText} did not answer for {_time.GetElapsedTime(waitingSince, now).TotalMilliseconds:F0} ms " +
                    $"with {inFlight} command(s) in flight (UnresponsiveTimeout is {_options.UnresponsiveTimeout.TotalMilliseconds:F0} ms)."));
            }

            return;
        }

        var lastActivity = Math.Max(lastRead, Volatile.Read(ref _lastWriteTimestamp));
        if (_time.GetElapsedTime(lastActivity, now) >= _options.HeartbeatInterval && IsOpen)
        {
            SendHeartbeat(now);
        }
    }

    private void SendHeartbeat(long now)
    {
        // Nobody awaits a heartbeat: its reply only proves the server is alive (the sweep watches for silence).
        var pending = PendingReply<bool, PongParser>.Rent("PING", now, long.MaxValue, CancellationToken.None);
        if (!TrySend(new PingCommand(), pending))
        {
            pending.TryFail(new RespConnectionException("The connection closed before the heartbeat was sent."));
            pending.ReleaseFromQueue();
        }
    }

    private static string StateName(int state) => state switch { Handshaking => "handshaking", Open => "open", _ => "closed" };
}

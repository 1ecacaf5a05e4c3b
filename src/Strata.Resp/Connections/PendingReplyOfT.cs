using System.Collections.Concurrent;
using System.Threading.Tasks.Sources;
using Strata.Resp.Commands;
using Strata.Resp.Protocol;

namespace Strata.Resp.Connections;

/// <summary>
/// A pooled, awaitable pending reply: the caller awaits a <see cref="ValueTask{T}"/> backed by this object,
/// so a round trip allocates nothing once the pool is warm.
/// </summary>
/// <remarks>
/// Two parties hold the object: the FIFO (until the reply is read or the connection dies) and the caller
/// (until it reads the result). It returns to the pool when both have let go, so a timed-out caller can
/// never see a later command's result through a recycled object.
/// Continuations run asynchronously, so callers' code never runs on the reader loop.
/// </remarks>
internal sealed class PendingReply<T, TParser> : PendingReply, IValueTaskSource<T>
    where TParser : IReplyParser<T>
{
    private const int MaxPooled = 1024;

    private static readonly ConcurrentQueue<PendingReply<T, TParser>> Pool = new();
    private static int s_pooled;

    private ManualResetValueTaskSourceCore<T> _core = new() { RunContinuationsAsynchronously = true };
    private int _completed;
    private int _references;
    private CancellationToken _cancellationToken;
    private CancellationTokenRegistration _cancellation;

    public override bool IsCompleted => Volatile.Read(ref _completed) != 0;

    /// <summary>The awaitable the caller holds.</summary>
    public ValueTask<T> Task => new(this, _core.Version);

    /// <summary>Takes an object from the pool (or makes one) and arms it for one command.</summary>
    public static PendingReply<T, TParser> Rent(
        string commandName,
        long startTimestamp,
        long deadlineTimestamp,
        CancellationToken cancellationToken)
    {
        if (Pool.TryDequeue(out var pending))
        {
            Interlocked.Decrement(ref s_pooled);
        }
        else
        {
            pending = new PendingReply<T, TParser>();
        }

        pending.CommandName = commandName;
        pending.StartTimestamp = startTimestamp;
        pending.DeadlineTimestamp = deadlineTimestamp;
        pending.PendingConfirmations = 0;
        pending._completed = 0;
        pending._references = 2;
        pending._cancellationToken = cancellationToken;
        if (cancellationToken.CanBeCanceled)
        {
            pending._cancellation = cancellationToken.UnsafeRegister(
                static state => ((PendingReply<T, TParser>)state!).Cancel(),
                pending);
        }

        return pending;
    }

    public override void OnReply(ref RespReader reader)
    {
        if (Interlocked.Exchange(ref _completed, 1) != 0)
        {
            return;
        }

        _cancellation.Unregister();
        if (reader.IsError)
        {
            _core.SetException(new RespServerException(reader.ReadString() ?? "ERR"));
            return;
        }

        T result;
        try
        {
            result = TParser.Parse(ref reader);
        }
        catch (RespProtocolException exception)
        {
            // The reply cannot belong to this command: the caller learns why, and the connection is torn down.
            _core.SetException(exception);
            throw;
        }
        catch (Exception exception) when (exception is FormatException or OverflowException or InvalidCastException)
        {
            _core.SetException(exception);
            return;
        }

        _core.SetResult(result);
    }

    public override bool TryFail(Exception exception)
    {
        if (Interlocked.Exchange(ref _completed, 1) != 0)
        {
            return false;
        }

        _cancellation.Unregister();
        _core.SetException(exception);
        return true;
    }

    public override void ReleaseFromQueue() => Release();

    /// <summary>Returns an object that was never queued nor handed to a caller (the send was refused).</summary>
    public void Discard()
    {
        _references = 1;
        Release();
    }

    public T GetResult(short token)
    {
        try
        {
            return _core.GetResult(token);
        }
        finally
        {
            Release();
        }
    }

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);

    private void Cancel() =>
        TryFail(new OperationCanceledException($"{CommandName} was cancelled by the caller; its reply will be read and discarded.", _cancellationToken));

    private void Release()
    {
        if (Interlocked.Decrement(ref _references) != 0)
        {
            return;
        }

        // Dispose (not Unregister) waits for a cancellation callback that is running right now, so no
        // callback can touch this object after it is handed to the next command.
        _cancellation.Dispose();
        _cancellation = default;
        _cancellationToken = default;
        _core.Reset();
        if (Interlocked.Increment(ref s_pooled) <= MaxPooled)
        {
            Pool.Enqueue(this);
        }
        else
        {
            Interlocked.Decrement(ref s_pooled);
        }
    }
}

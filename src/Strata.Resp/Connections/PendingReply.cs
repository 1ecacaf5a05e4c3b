using Strata.Resp.Protocol;

namespace Strata.Resp.Connections;

/// <summary>
/// A command that was written and waits for its reply in the connection's FIFO.
/// </summary>
/// <remarks>
/// A pending reply leaves the FIFO only when its reply is read (or the connection dies): a caller that
/// times out or cancels completes it early, and its reply is then read and discarded, so the replies
/// behind it still match their requests.
/// </remarks>
internal abstract class PendingReply
{
    /// <summary>The command name, for metrics and timeout messages.</summary>
    public string CommandName { get; protected set; } = "";

    /// <summary>When the command was queued (<see cref="TimeProvider.GetTimestamp"/> units).</summary>
    public long StartTimestamp { get; protected set; }

    /// <summary>When the caller stops waiting (<see cref="long.MaxValue"/> for never).</summary>
    public long DeadlineTimestamp { get; protected set; }

    /// <summary>
    /// For SUBSCRIBE-family commands, the number of push confirmations still expected (one per channel);
    /// 0 for commands with an ordinary reply.
    /// </summary>
    public int PendingConfirmations { get; set; }

    /// <summary>Whether a result, an error, a timeout or a cancellation has completed the caller's wait.</summary>
    public abstract bool IsCompleted { get; }

    /// <summary>
    /// Called on the reader loop with the reply's first token read. Completes the caller's wait unless it
    /// was completed already (then the reply is discarded). Throws <see cref="RespProtocolException"/>
    /// when the reply cannot belong to this command, after failing the caller with it.
    /// </summary>
    public abstract void OnReply(ref RespReader reader);

    /// <summary>Fails the caller's wait unless already completed; true if this call completed it.</summary>
    public abstract bool TryFail(Exception exception);

    /// <summary>The FIFO is done with this reply: the object may go back to its pool once the caller is done too.</summary>
    public abstract void ReleaseFromQueue();
}

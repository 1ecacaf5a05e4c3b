using System.Threading.RateLimiting;

namespace Strata.RateLimiting.Memory;

/// <summary>A queued <c>AcquireAsync</c>: its permits, when it started waiting, and the task its caller awaits.</summary>
internal sealed class MemoryWaiter(int permits, long enqueuedTimestamp)
    : TaskCompletionSource<RateLimitLease>(TaskCreationOptions.RunContinuationsAsynchronously)
{
    public int Permits { get; } = permits;

    public long EnqueuedTimestamp { get; } = enqueuedTimestamp;

    public LinkedListNode<MemoryWaiter>? Node { get; set; }

    public CancellationTokenRegistration Registration { get; set; }
}

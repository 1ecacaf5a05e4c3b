namespace Strata.RateLimiting.Redis;

/// <summary>
/// A request waiting in a Redis limiter's local queue for its retry time. Eviction (a full NewestFirst queue, or
/// disposal) cancels its token and marks it, so the wait ends with a rejected lease rather than an exception.
/// </summary>
internal sealed class RedisWaiter(int permits, CancellationToken cancellationToken) : IDisposable
{
    private readonly CancellationTokenSource _cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

    public int Permits { get; } = permits;

    public CancellationToken Token => _cancellation.Token;

    public LinkedListNode<RedisWaiter>? Node { get; set; }

    public bool Evicted { get; private set; }

    public void Evict()
    {
        Evicted = true;
        try
        {
            _cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The wait ended on its own meanwhile.
        }
    }

    public void Dispose() => _cancellation.Dispose();
}

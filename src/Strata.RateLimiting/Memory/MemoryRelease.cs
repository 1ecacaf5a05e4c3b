namespace Strata.RateLimiting.Memory;

/// <summary>What an acquired in-memory concurrency lease does on dispose: give its permits back and serve the queue.</summary>
internal sealed class MemoryRelease<TState>(MemoryRateLimiter<TState> limiter, MemoryPartition<TState> partition, int permits) : IDisposable
    where TState : class
{
    public void Dispose() => limiter.Release(partition, permits);
}

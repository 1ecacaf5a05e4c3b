namespace Strata.AspNetCore.Tests.ResponseCaching;

/// <summary>Wraps an L2 tier to let a test await the next completed write (the engine writes L2 after it has answered
/// the request), instead of sleeping.</summary>
internal sealed class L2WriteSignal(IDistributedTier inner) : IDistributedTier
{
    private TaskCompletionSource _nextWrite = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Name => inner.Name;

    /// <summary>Completes when a write that starts after this call has landed.</summary>
    public Task NextWriteAsync() => Volatile.Read(ref _nextWrite).Task;

    public async ValueTask SetAsync(string key, ReadOnlyMemory<byte> value, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var signal = Volatile.Read(ref _nextWrite);
        await inner.SetAsync(key, value, expiresAt, cancellationToken);
        Interlocked.CompareExchange(ref _nextWrite, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), signal);
        signal.TrySetResult();
    }

    public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => inner.GetAsync(key, cancellationToken);

    public ValueTask<byte[]?[]> GetManyAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken) => inner.GetManyAsync(keys, cancellationToken);

    public ValueTask SetManyAsync(IReadOnlyList<DistributedWrite> writes, CancellationToken cancellationToken) => inner.SetManyAsync(writes, cancellationToken);

    public ValueTask RemoveAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken) => inner.RemoveAsync(keys, cancellationToken);

    public ValueTask<long[]> GetStampsAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken) => inner.GetStampsAsync(keys, cancellationToken);

    public ValueTask SetStampAsync(string key, long stamp, TimeSpan retention, CancellationToken cancellationToken) =>
        inner.SetStampAsync(key, stamp, retention, cancellationToken);

    public ValueTask<long> PurgeAsync(string keyPrefix, CancellationToken cancellationToken) => inner.PurgeAsync(keyPrefix, cancellationToken);

    public ValueTask PingAsync(CancellationToken cancellationToken) => inner.PingAsync(cancellationToken);

    public IDisposable Subscribe(IDistributedTierObserver observer) => inner.Subscribe(observer);
}

namespace Strata.AspNetCore.Tests.Invalidation;

/// <summary>
/// An L2 decorator that lets a test await what its node heard from other nodes: each change is passed to the engine
/// first, then recorded, so once <see cref="WhenHeardAsync"/> completes the engine has applied it.
/// </summary>
internal sealed class HeardTier(IDistributedTier inner) : IDistributedTier
{
    private readonly Lock _gate = new();
    private readonly List<string> _heard = [];
    private readonly List<(Func<string, bool> Match, TaskCompletionSource Done)> _waiters = [];

    public string Name => inner.Name;

    /// <summary>Completes once a changed key matching <paramref name="match"/> has been heard (now or earlier).</summary>
    public Task WhenHeardAsync(Func<string, bool> match)
    {
        lock (_gate)
        {
            if (_heard.Exists(k => match(k)))
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, done));
            return done.Task;
        }
    }

    public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => inner.GetAsync(key, cancellationToken);

    public ValueTask<byte[]?[]> GetManyAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken) => inner.GetManyAsync(keys, cancellationToken);

    public ValueTask SetAsync(string key, ReadOnlyMemory<byte> value, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        inner.SetAsync(key, value, expiresAt, cancellationToken);

    public ValueTask SetManyAsync(IReadOnlyList<DistributedWrite> writes, CancellationToken cancellationToken) => inner.SetManyAsync(writes, cancellationToken);

    public ValueTask RemoveAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken) => inner.RemoveAsync(keys, cancellationToken);

    public ValueTask<long[]> GetStampsAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken) => inner.GetStampsAsync(keys, cancellationToken);

    public ValueTask SetStampAsync(string key, long stamp, TimeSpan retention, CancellationToken cancellationToken) =>
        inner.SetStampAsync(key, stamp, retention, cancellationToken);

    public ValueTask<long> PurgeAsync(string keyPrefix, CancellationToken cancellationToken) => inner.PurgeAsync(keyPrefix, cancellationToken);

    public ValueTask PingAsync(CancellationToken cancellationToken) => inner.PingAsync(cancellationToken);

    public IDisposable Subscribe(IDistributedTierObserver observer) => inner.Subscribe(new Recorder(observer, this));

    private void Record(string key)
    {
        List<TaskCompletionSource>? done = null;
        lock (_gate)
        {
            _heard.Add(key);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Match(key))
                {
                    (done ??= []).Add(_waiters[i].Done);
                    _waiters.RemoveAt(i);
                }
            }
        }

        done?.ForEach(static d => d.TrySetResult());
    }

    private sealed class Recorder(IDistributedTierObserver target, HeardTier owner) : IDistributedTierObserver
    {
        public void OnKeyChanged(string key)
        {
            target.OnKeyChanged(key);
            owner.Record(key);
        }

        public void OnAllChanged() => target.OnAllChanged();

        public void OnConnectionLost() => target.OnConnectionLost();

        public void OnConnectionRestored() => target.OnConnectionRestored();
    }
}

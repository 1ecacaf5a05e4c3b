namespace Strata.Conformance;

/// <summary>An <see cref="IDistributedTierObserver"/> that records every key it hears and lets a test await one.</summary>
public sealed class RecordingObserver : IDistributedTierObserver
{
    private readonly KeyLog _log = new();
    private int _allChanged;

    /// <summary>The keys heard so far, in order of delivery.</summary>
    public IReadOnlyList<string> Keys => _log.Keys;

    /// <summary>How many times <see cref="IDistributedTierObserver.OnAllChanged"/> was called.</summary>
    public int AllChangedCount => Volatile.Read(ref _allChanged);

    /// <summary>Completes when <paramref name="key"/> has been heard (before or after the call).</summary>
    public Task HeardAsync(string key) => _log.WaitAsync(k => k == key, $"Hearing a change of '{key}'");

    public void OnKeyChanged(string key) => _log.Add(key);

    public void OnAllChanged() => Interlocked.Increment(ref _allChanged);

    public void OnConnectionLost()
    {
    }

    public void OnConnectionRestored()
    {
    }
}

namespace Strata.Conformance;

/// <summary>A factory that counts its calls and produces a value from the call number (1, 2, ...), so a test can tell
/// which run a value came from.</summary>
/// <typeparam name="T">The value type.</typeparam>
public sealed class CountingFactory<T>
{
    private readonly Func<int, T> _produce;
    private int _calls;

    public CountingFactory(Func<int, T> produce)
    {
        ArgumentNullException.ThrowIfNull(produce);
        _produce = produce;
    }

    /// <summary>How many times the factory ran.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>The factory, as HybridCache takes it.</summary>
    public ValueTask<T> GetAsync(CancellationToken cancellationToken) => ValueTask.FromResult(_produce(Interlocked.Increment(ref _calls)));
}

/// <summary>Factories of strings <c>"{name}-1"</c>, <c>"{name}-2"</c>, ...</summary>
public static class CountingFactory
{
    public static CountingFactory<string> Of(string name) => new(n => $"{name}-{n}");
}

namespace Strata.Tests.Engine;

/// <summary>A factory that counts its calls and returns "{prefix}{n}" (n = the call number).</summary>
internal sealed class CountingFactory(string prefix = "v")
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public Exception? FailWith { get; set; }

    public ValueTask<string> Invoke(CancellationToken cancellationToken)
    {
        var call = Interlocked.Increment(ref _calls);
        return FailWith is { } error ? ValueTask.FromException<string>(error) : ValueTask.FromResult($"{prefix}{call}");
    }
}

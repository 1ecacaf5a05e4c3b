namespace Strata.AspNetCore.Tests.ResponseCaching;

/// <summary>Counts how often an endpoint ran (was not served from the cache).</summary>
internal sealed class EndpointCalls
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public int Next() => Interlocked.Increment(ref _count);
}

namespace Strata.Redis.Tests.OutputCache;

internal static class OutputCacheTestTimeouts
{
    /// <summary>
    /// The store's OperationTimeout in tests that are not about it. On a small test machine the first command of the
    /// process can take about a second (thread-pool warm-up while the first connection opens), which the 1-second
    /// default would report as a timeout and the middleware would then treat as a miss.
    /// </summary>
    public static readonly TimeSpan Generous = TimeSpan.FromSeconds(10);
}

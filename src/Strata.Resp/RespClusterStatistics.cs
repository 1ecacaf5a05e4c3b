namespace Strata.Resp;

/// <summary>A snapshot of a cluster client's routing counters (all zero for a single server).</summary>
/// <param name="Moved">Commands answered <c>MOVED</c> (the slot map was stale) and re-sent to the new owner.</param>
/// <param name="Ask">Commands answered <c>ASK</c> (a slot being migrated) and re-sent with <c>ASKING</c>.</param>
/// <param name="TopologyRefreshes">Slot maps loaded with <c>CLUSTER SHARDS</c> / <c>CLUSTER SLOTS</c>, the first included.</param>
/// <param name="Retries">
/// Attempts repeated after <c>TRYAGAIN</c>, <c>CLUSTERDOWN</c> or a node that could not be reached before the command was written.
/// </param>
/// <param name="Failures">Commands that failed after routing gave up (out of redirects, retries or time) or lost their node while in flight.</param>
public readonly record struct RespClusterStatistics(long Moved, long Ask, long TopologyRefreshes, long Retries, long Failures);

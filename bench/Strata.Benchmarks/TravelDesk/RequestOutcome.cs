namespace Strata.Benchmarks.TravelDesk;

/// <summary>How one request went.</summary>
/// <param name="Request">What was sent.</param>
/// <param name="Instance">Which TravelDesk instance answered (0 = A, 1 = B).</param>
/// <param name="Status">The HTTP status; 0 when no response came (timeout, connection refused).</param>
/// <param name="ElapsedTicks">From sending to the end of the body, in <see cref="System.Diagnostics.Stopwatch"/> ticks.</param>
/// <param name="Cache">The <c>X-Cache</c> header (HIT, STALE, MISS, BYPASS, OFF), or null when absent.</param>
/// <param name="Tier">The <c>X-Cache-Tier</c> header (l1, l2, source), or null when absent (HTTP response cache).</param>
/// <param name="Body">The body when the status was not 2xx (the start of it), else null.</param>
/// <param name="Error">Why no response came, else null.</param>
internal sealed record RequestOutcome(
    TravelRequest Request, int Instance, int Status, long ElapsedTicks, string? Cache, string? Tier, string? Body, string? Error)
{
    public bool Succeeded => Status is >= 200 and < 300;

    /// <summary>Answered from the cache: fresh (HIT) or stale while refreshing / fail-safe (STALE).</summary>
    public bool FromCache => Cache is "HIT" or "STALE";

    public double Milliseconds => ElapsedTicks * 1000.0 / System.Diagnostics.Stopwatch.Frequency;
}

using Strata.Resp;
using Strata.Resp.Scripting;

namespace Strata.RateLimiting.Redis;

/// <summary>
/// One algorithm on Redis: its script (one atomic decision on the server's clock) and the arguments of a request.
/// Every script takes one key and replies <c>{status, remaining, retry_after_us, reset_after_us, window_us}</c>,
/// status 1 acquired, 0 rejected, -1 "your clock is too far off: here is mine" (then <c>remaining</c> is the server time in µs).
/// </summary>
internal abstract class RedisAlgorithm
{
    /// <summary>The key suffix, e.g. <c>gcra</c>: a policy's algorithm change must not read another's state.</summary>
    public abstract string Name { get; }

    public abstract RespScript Script { get; }

    /// <summary>The limit as leases report it (for GCRA, the burst).</summary>
    public abstract long PermitLimit { get; }

    /// <summary>The window leases report when Redis did not answer (failure-policy leases).</summary>
    public abstract TimeSpan Window { get; }

    /// <summary>The arguments for <paramref name="permits"/> (0 reads usage without taking anything).</summary>
    public abstract IReadOnlyList<RespArgument> Arguments(int permits);

    /// <summary>The arguments again after the script said the local clock is too far from the server's.</summary>
    public virtual IReadOnlyList<RespArgument> Arguments(int permits, DateTimeOffset serverNow) => Arguments(permits);

    /// <summary>Microseconds, the unit of every script (Redis <c>TIME</c> has microsecond resolution).</summary>
    protected static long Microseconds(TimeSpan value) => value.Ticks / TimeSpan.TicksPerMicrosecond;
}

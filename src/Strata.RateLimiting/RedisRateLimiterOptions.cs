using System.Globalization;
using Strata.Resp;

namespace Strata.RateLimiting;

/// <summary>Where and how a limiter keeps its state on Redis, and what it does while Redis is unreachable.</summary>
public sealed class RedisRateLimiterOptions
{
    /// <summary>The client (shared with the rest of the application is fine). Required; default <see langword="null"/>.</summary>
    public RespClient? Client { get; set; }

    /// <summary>
    /// The prefix of every key. A partition's key is <c>{prefix}{{policy:partition}}:{algorithm}</c>: the braces are a
    /// cluster hash tag, so a partition's state lives in one slot. Default <c>strata:rl:</c>.
    /// </summary>
    public string KeyPrefix { get; set; } = "strata:rl:";

    /// <summary>What to decide while Redis is unreachable. Default <see cref="RedisFailurePolicy.FailOpen"/>.</summary>
    public RedisFailurePolicy FailurePolicy { get; set; } = RedisFailurePolicy.FailOpen;

    /// <summary>
    /// For <see cref="RedisFailurePolicy.FallbackToLocal"/>: how many application instances share the limit, so each
    /// local fallback allows <c>limit / ExpectedNodeCount</c> (at least 1). Must be positive. Default 1.
    /// </summary>
    public int ExpectedNodeCount { get; set; } = 1;

    /// <summary>
    /// How long one decision may wait for Redis before the failure policy applies (a paused or overloaded server).
    /// <see cref="Timeout.InfiniteTimeSpan"/> leaves it to the client's own command timeout. Default 500 ms.
    /// </summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// After a failure, decisions skip Redis and apply the failure policy for this long before trying Redis again (so an
    /// outage does not cost every request a timeout); also the retry-after of <see cref="RedisFailurePolicy.FailClosed"/>
    /// leases. Must be positive. Default 1 second.
    /// </summary>
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Checks every option; the factories call this before creating a limiter.</summary>
    /// <exception cref="ArgumentNullException"><see cref="Client"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range; the parameter name is the option's name.</exception>
    public void Validate()
    {
        if (Client is null)
        {
            throw new ArgumentNullException(nameof(Client), "RedisRateLimiterOptions.Client must be set.");
        }

        ArgumentNullException.ThrowIfNull(KeyPrefix, nameof(KeyPrefix));
        if (!Enum.IsDefined(FailurePolicy))
        {
            throw OutOfRange(nameof(FailurePolicy), FailurePolicy, "is not a RedisFailurePolicy value");
        }

        if (ExpectedNodeCount <= 0)
        {
            throw OutOfRange(nameof(ExpectedNodeCount), ExpectedNodeCount, "must be positive");
        }

        if (OperationTimeout <= TimeSpan.Zero && OperationTimeout != Timeout.InfiniteTimeSpan)
        {
            throw OutOfRange(nameof(OperationTimeout), OperationTimeout, "must be positive or Timeout.InfiniteTimeSpan");
        }

        if (RetryInterval <= TimeSpan.Zero)
        {
            throw OutOfRange(nameof(RetryInterval), RetryInterval, "must be positive");
        }
    }

    private static ArgumentOutOfRangeException OutOfRange(string option, object value, string rule) =>
        new(option, value, string.Create(CultureInfo.InvariantCulture, $"RedisRateLimiterOptions.{option} {rule} (was {value})."));
}

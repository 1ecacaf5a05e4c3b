using System.Diagnostics.Metrics;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;

namespace Strata.RateLimiting;

/// <summary>
/// What every Strata limiter shares: the policy name, the permit limit, queueing, the clock and diagnostics.
/// Mutable until the limiter is created; the factory validates and copies the values, so later changes have no effect.
/// </summary>
public abstract class StrataRateLimiterOptions
{
    /// <summary>
    /// The policy name: the <c>policy</c> tag of the metrics, the <see cref="RateLimitQuota.Policy"/> of leases, and part
    /// of every Redis key (limiters sharing a name and prefix share their counters). Default <c>default</c>.
    /// </summary>
    public string PolicyName { get; set; } = "default";

    /// <summary>
    /// The limit: permits per window (for GCRA, per <c>Window</c> at the sustained rate; for a concurrency limiter,
    /// permits held at once). Must be positive. Default 0, so it must be set.
    /// </summary>
    public int PermitLimit { get; set; }

    /// <summary>
    /// How many permits may wait in <see cref="RateLimiter.AcquireAsync(int, CancellationToken)"/> for capacity, per
    /// partition in memory and per limiter instance on Redis. 0 rejects at once. Must not be negative. Default 0.
    /// </summary>
    public int QueueLimit { get; set; }

    /// <summary>
    /// Which waiter gets capacity first. With <see cref="QueueProcessingOrder.NewestFirst"/> a full queue drops its oldest
    /// waiters (they get a rejected lease) to make room. Default <see cref="QueueProcessingOrder.OldestFirst"/>.
    /// </summary>
    public QueueProcessingOrder QueueProcessingOrder { get; set; } = QueueProcessingOrder.OldestFirst;

    /// <summary>
    /// The clock of in-memory limiters (every decision) and of timers (queue retries, lease renewal). Redis-backed
    /// limiters decide on the server's clock (<c>TIME</c>), never on this one. Default <see cref="TimeProvider.System"/>.
    /// </summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Where logs go (category <c>Strata.RateLimiting</c>); default <see langword="null"/>: no logs.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>
    /// Creates the <c>Strata.RateLimiting</c> meter, so instruments are scoped to a DI container; default
    /// <see langword="null"/>: a process-wide meter.
    /// </summary>
    public IMeterFactory? MeterFactory { get; set; }

    /// <summary>Checks every option; the factories call this before creating a limiter.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range; the parameter name is the option's name.</exception>
    /// <exception cref="ArgumentException">The policy name is empty.</exception>
    /// <exception cref="ArgumentNullException">The time provider is null.</exception>
    public virtual void Validate()
    {
        if (string.IsNullOrWhiteSpace(PolicyName))
        {
            throw new ArgumentException($"{GetType().Name}.PolicyName must not be empty.", nameof(PolicyName));
        }

        if (PermitLimit <= 0)
        {
            throw OutOfRange(nameof(PermitLimit), PermitLimit, "must be positive");
        }

        if (QueueLimit < 0)
        {
            throw OutOfRange(nameof(QueueLimit), QueueLimit, "must not be negative");
        }

        if (!Enum.IsDefined(QueueProcessingOrder))
        {
            throw OutOfRange(nameof(QueueProcessingOrder), QueueProcessingOrder, "is not a QueueProcessingOrder value");
        }

        if (TimeProvider is null)
        {
            throw new ArgumentNullException(nameof(TimeProvider), $"{GetType().Name}.TimeProvider must not be null.");
        }
    }

    /// <summary>An exception that names the option, its owner and the value.</summary>
    private protected ArgumentOutOfRangeException OutOfRange(string option, object value, string rule) =>
        new(option, value, string.Create(CultureInfo.InvariantCulture, $"{GetType().Name}.{option} {rule} (was {value})."));

    /// <summary>Checks a window length: positive and at least one millisecond (Redis keeps time in microseconds, expiries in milliseconds).</summary>
    private protected void ValidateWindow(string option, TimeSpan window)
    {
        if (window < TimeSpan.FromMilliseconds(1))
        {
            throw OutOfRange(option, window, "must be at least 1 millisecond");
        }

        if (window > TimeSpan.FromDays(3660))
        {
            throw OutOfRange(option, window, "must be at most 3660 days");
        }
    }
}

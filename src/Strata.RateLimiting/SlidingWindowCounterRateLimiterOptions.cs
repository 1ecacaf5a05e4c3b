namespace Strata.RateLimiting;

/// <summary>
/// Options of the sliding-window counter: two counters per partition (this window and the previous one), the previous
/// one weighted by how much of it still overlaps the sliding window. Constant cost; approximate (see docs/rate-limiting.md).
/// </summary>
public sealed class SlidingWindowCounterRateLimiterOptions : StrataRateLimiterOptions
{
    /// <summary>The window <see cref="StrataRateLimiterOptions.PermitLimit"/> applies to. At least 1 ms. Default zero, so it must be set.</summary>
    public TimeSpan Window { get; set; }

    /// <inheritdoc/>
    public override void Validate()
    {
        base.Validate();
        ValidateWindow(nameof(Window), Window);
    }
}

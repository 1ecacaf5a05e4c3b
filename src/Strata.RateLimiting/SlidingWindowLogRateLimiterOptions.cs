namespace Strata.RateLimiting;

/// <summary>
/// Options of the sliding-window log: the time of every admitted permit within the window is kept (at most
/// <see cref="StrataRateLimiterOptions.PermitLimit"/> entries per partition), so the limit is exact over any window-long span.
/// </summary>
public sealed class SlidingWindowLogRateLimiterOptions : StrataRateLimiterOptions
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

namespace Strata.RateLimiting;

/// <summary>
/// Options of the GCRA (generic cell rate algorithm) limiter, a token bucket kept as one timestamp per partition:
/// <see cref="StrataRateLimiterOptions.PermitLimit"/> permits per <see cref="Window"/> sustained, bursts of up to
/// <see cref="Burst"/> at once. Retry-after is exact: the moment the next permit fits.
/// </summary>
public sealed class GcraRateLimiterOptions : StrataRateLimiterOptions
{
    /// <summary>The period in which <see cref="StrataRateLimiterOptions.PermitLimit"/> permits are emitted (the rate). At least 1 ms. Default zero, so it must be set.</summary>
    public TimeSpan Window { get; set; }

    /// <summary>
    /// The most permits available at once (the bucket's size); at least 1. Default <see langword="null"/>:
    /// equal to <see cref="StrataRateLimiterOptions.PermitLimit"/>, so a fresh partition may use a whole window's permits at once.
    /// </summary>
    public int? Burst { get; set; }

    /// <inheritdoc/>
    public override void Validate()
    {
        base.Validate();
        ValidateWindow(nameof(Window), Window);
        if (Burst is { } burst && burst <= 0)
        {
            throw OutOfRange(nameof(Burst), burst, "must be positive");
        }
    }
}

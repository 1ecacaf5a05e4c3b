using Microsoft.Extensions.Options;

namespace Strata.AspNetCore.Warmup;

/// <summary>Checks <see cref="StrataWarmupOptions"/> at start-up; each message names the setting.</summary>
internal sealed class StrataWarmupOptionsValidator : IValidateOptions<StrataWarmupOptions>
{
    // CancellationTokenSource and timers take at most ~49 days; a day is already far past any sane warm-up.
    private static readonly TimeSpan MaximumTimeout = TimeSpan.FromDays(1);

    public ValidateOptionsResult Validate(string? name, StrataWarmupOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.Timeout <= TimeSpan.Zero || options.Timeout > MaximumTimeout)
        {
            errors.Add($"StrataWarmupOptions.Timeout must be positive and at most {MaximumTimeout} (was {options.Timeout}).");
        }

        if (options.Interval is { } interval && (interval <= TimeSpan.Zero || interval > TimeSpan.FromDays(30)))
        {
            errors.Add($"StrataWarmupOptions.Interval must be positive and at most 30 days, or null for no schedule (was {interval}).");
        }

        if (options.MaxConcurrency < 1)
        {
            errors.Add($"StrataWarmupOptions.MaxConcurrency must be at least 1 (was {options.MaxConcurrency}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

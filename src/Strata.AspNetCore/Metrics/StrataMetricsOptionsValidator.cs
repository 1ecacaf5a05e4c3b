using Microsoft.Extensions.Options;

namespace Strata.AspNetCore.Metrics;

/// <summary>Checks <see cref="StrataMetricsOptions"/> when the host starts.</summary>
internal sealed class StrataMetricsOptionsValidator : IValidateOptions<StrataMetricsOptions>
{
    public ValidateOptionsResult Validate(string? name, StrataMetricsOptions options)
    {
        var failures = new List<string>();
        if (options.MaxSeriesPerInstrument < 1)
        {
            failures.Add($"StrataMetricsOptions.MaxSeriesPerInstrument must be at least 1 (was {options.MaxSeriesPerInstrument}).");
        }

        if (options.HistoryInterval < TimeSpan.FromMilliseconds(10) || options.HistoryInterval > TimeSpan.FromHours(1))
        {
            failures.Add($"StrataMetricsOptions.HistoryInterval must be from 10 ms to 1 hour (was {options.HistoryInterval}).");
        }

        if (options.HistoryCapacity is < 1 or > 100_000)
        {
            failures.Add($"StrataMetricsOptions.HistoryCapacity must be from 1 to 100000 (was {options.HistoryCapacity}).");
        }

        foreach (var meter in options.AdditionalMeters)
        {
            if (string.IsNullOrWhiteSpace(meter))
            {
                failures.Add("StrataMetricsOptions.AdditionalMeters must not contain null or blank names.");
                break;
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

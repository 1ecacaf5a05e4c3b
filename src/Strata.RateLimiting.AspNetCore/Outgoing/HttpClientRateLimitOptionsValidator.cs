using System.Globalization;
using Microsoft.Extensions.Options;

namespace Strata.RateLimiting.AspNetCore.Outgoing;

/// <summary>Validates <see cref="HttpClientRateLimitOptions"/> with messages that name the option and the client.</summary>
internal sealed class HttpClientRateLimitOptionsValidator : IValidateOptions<HttpClientRateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, HttpClientRateLimitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var client = name ?? string.Empty;
        List<string>? failures = null;

        var sources = (options.Limiter is null ? 0 : 1) + (options.PartitionedLimiter is null ? 0 : 1) +
                      (options.LimiterFactory is null ? 0 : 1);
        if (sources > 1)
        {
            Add(ref failures, client,
                "set at most one of HttpClientRateLimitOptions.Limiter, PartitionedLimiter and LimiterFactory.");
        }

        if (options.PartitionKeySelector is null)
        {
            Add(ref failures, client, "HttpClientRateLimitOptions.PartitionKeySelector must not be null.");
        }

        CheckDuration(ref failures, client, nameof(HttpClientRateLimitOptions.MaxWait), options.MaxWait);
        CheckDuration(ref failures, client, nameof(HttpClientRateLimitOptions.MaxUpstreamHold), options.MaxUpstreamHold);

        return failures is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckDuration(ref List<string>? failures, string client, string option, TimeSpan value)
    {
        if (value < TimeSpan.Zero || value > HttpClientRateLimitOptions.MaxSupportedDuration)
        {
            Add(ref failures, client, string.Create(
                CultureInfo.InvariantCulture,
                $"HttpClientRateLimitOptions.{option} must be between 00:00:00 and {HttpClientRateLimitOptions.MaxSupportedDuration} (was {value})."));
        }
    }

    private static void Add(ref List<string>? failures, string client, string message) =>
        (failures ??= []).Add($"HttpClient '{client}': {message}");
}

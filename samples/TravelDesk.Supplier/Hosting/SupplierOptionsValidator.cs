using System.Globalization;
using Microsoft.Extensions.Options;

namespace TravelDesk.Supplier.Hosting;

/// <summary>
/// Checks <see cref="SupplierOptions"/> at start-up (<c>ValidateOnStart</c>) and in
/// <see cref="SupplierApplication.Create"/>; each failure names the configuration key, the rule and the value, e.g.
/// <c>Supplier:ErrorRate must be between 0 and 1, was 1.5</c>.
/// </summary>
internal sealed class SupplierOptionsValidator : IValidateOptions<SupplierOptions>
{
    private const int MaxLatencyMs = 600_000;

    public ValidateOptionsResult Validate(string? name, SupplierOptions options)
    {
        var failures = Failures(options).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Throws <see cref="OptionsValidationException"/> naming every bad setting; for hosts that start without DI validation.</summary>
    public static void ThrowIfInvalid(SupplierOptions options)
    {
        var result = new SupplierOptionsValidator().Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(SupplierOptions.Section, typeof(SupplierOptions), result.Failures);
        }
    }

    private static IEnumerable<string> Failures(SupplierOptions options)
    {
        const string Prefix = SupplierOptions.Section + ":";
        if (options.SearchesPerMinute is < 1 or > 1_000_000)
        {
            yield return Message($"{Prefix}SearchesPerMinute must be between 1 and 1000000, was {options.SearchesPerMinute}");
        }

        if (!(options.ErrorRate is >= 0 and <= 1))
        {
            yield return Message($"{Prefix}ErrorRate must be between 0 and 1, was {options.ErrorRate}");
        }

        if (!(options.LatencyScale is >= 0 and <= 100))
        {
            yield return Message($"{Prefix}LatencyScale must be between 0 and 100, was {options.LatencyScale}");
        }

        if (options.Latency is null)
        {
            yield return $"{Prefix}Latency must be set";
            yield break;
        }

        foreach (var (operation, latency) in Operations(options.Latency))
        {
            var key = $"{Prefix}Latency:{operation}";
            if (latency is null)
            {
                yield return $"{key} must be set";
                continue;
            }

            if (latency.MinMs is < 0 or > MaxLatencyMs)
            {
                yield return Message($"{key}:MinMs must be between 0 and {MaxLatencyMs}, was {latency.MinMs}");
            }

            if (latency.MaxMs < latency.MinMs || latency.MaxMs > MaxLatencyMs)
            {
                yield return Message($"{key}:MaxMs must be between MinMs ({latency.MinMs}) and {MaxLatencyMs}, was {latency.MaxMs}");
            }

            if (!Enum.IsDefined(latency.Distribution))
            {
                yield return Message($"{key}:Distribution must be Uniform or LogNormal, was {latency.Distribution}");
            }
        }
    }

    private static IEnumerable<(string Name, OperationLatencyOptions? Options)> Operations(SupplierLatencyOptions latency) =>
    [
        (nameof(latency.Flights), latency.Flights),
        (nameof(latency.Hotels), latency.Hotels),
        (nameof(latency.Activities), latency.Activities),
        (nameof(latency.Weather), latency.Weather),
        (nameof(latency.Rates), latency.Rates),
        (nameof(latency.Airports), latency.Airports),
        (nameof(latency.Airlines), latency.Airlines),
        (nameof(latency.Cities), latency.Cities),
    ];

    private static string Message(FormattableString message) => message.ToString(CultureInfo.InvariantCulture);
}

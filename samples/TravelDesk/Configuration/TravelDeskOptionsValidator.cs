using Microsoft.Extensions.Options;

namespace TravelDesk.Configuration;

/// <summary>Checks every setting of <see cref="TravelDeskOptions"/> and lists all the problems, each naming its key.</summary>
internal sealed class TravelDeskOptionsValidator : IValidateOptions<TravelDeskOptions>
{
    public ValidateOptionsResult Validate(string? name, TravelDeskOptions options)
    {
        var problems = new List<string>();

        var supplier = options.Supplier;
        if (!string.IsNullOrWhiteSpace(supplier.Url)
            && (!Uri.TryCreate(supplier.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
        {
            problems.Add($"TravelDesk:Supplier:Url must be an absolute http(s) URL such as http://127.0.0.1:5090, was '{supplier.Url}'.");
        }

        if (supplier.SearchesPerMinute is < 1 or > 100_000)
        {
            problems.Add($"TravelDesk:Supplier:SearchesPerMinute must be between 1 and 100000, was {supplier.SearchesPerMinute}.");
        }

        if (supplier.MaxWait < TimeSpan.Zero || supplier.MaxWait > TimeSpan.FromMinutes(5))
        {
            problems.Add($"TravelDesk:Supplier:MaxWait must be between 00:00:00 and 00:05:00, was {supplier.MaxWait}.");
        }

        if (supplier.Timeout <= TimeSpan.Zero || supplier.Timeout > TimeSpan.FromMinutes(5))
        {
            problems.Add($"TravelDesk:Supplier:Timeout must be above 00:00:00 and at most 00:05:00, was {supplier.Timeout}.");
        }

        var database = options.Database;
        if (string.IsNullOrWhiteSpace(database.ConnectionString))
        {
            problems.Add("TravelDesk:Database:ConnectionString must not be empty (default: Data Source=traveldesk.db).");
        }
        else if (DatabaseProviderDetector.Detect(database.Provider, database.ConnectionString, out _) is { } problem)
        {
            problems.Add(problem);
        }

        var quota = options.Quota;
        if (quota.SearchesPerDay is < 1 or > 100_000_000)
        {
            problems.Add($"TravelDesk:Quota:SearchesPerDay must be between 1 and 100000000, was {quota.SearchesPerDay}.");
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(quota.TimeZone ?? string.Empty, out _))
        {
            problems.Add($"TravelDesk:Quota:TimeZone '{quota.TimeZone}' is not a time zone this machine knows (use an IANA id such as Europe/Paris).");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

using Microsoft.Extensions.Options;

namespace Strata.AspNetCore.Admin;

/// <summary>Fails start-up on an admin API that would be open or unusable, naming the option to fix.</summary>
internal sealed class StrataAdminOptionsValidator : IValidateOptions<StrataAdminOptions>
{
    internal const int MinimumKeyLength = 16;

    public ValidateOptionsResult Validate(string? name, StrataAdminOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.AuthorizationPolicy))
        {
            if (string.IsNullOrWhiteSpace(options.ApiKey))
            {
                errors.Add("StrataAdminOptions: set ApiKey (Strata:Admin:ApiKey) or AuthorizationPolicy; the admin API is never open by default.");
            }
            else if (options.ApiKey.Length < MinimumKeyLength)
            {
                errors.Add($"StrataAdminOptions.ApiKey must be at least {MinimumKeyLength} characters.");
            }
        }

        if (options.MaxKeysListed is < 1 or > 100_000)
        {
            errors.Add($"StrataAdminOptions.MaxKeysListed must be between 1 and 100000 (was {options.MaxKeysListed}).");
        }

        if (options.ScanBudget < 1)
        {
            errors.Add($"StrataAdminOptions.ScanBudget must be positive (was {options.ScanBudget}).");
        }

        if (options.TtlSampleSize < 1)
        {
            errors.Add($"StrataAdminOptions.TtlSampleSize must be positive (was {options.TtlSampleSize}).");
        }

        if (string.IsNullOrWhiteSpace(options.SelfTestNamespace))
        {
            errors.Add("StrataAdminOptions.SelfTestNamespace must not be empty.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

using Microsoft.Extensions.Options;

namespace Strata.AspNetCore.ResponseCaching;

/// <summary>Validates <see cref="ResponseCacheOptions"/> when the host starts, naming the policy and setting.</summary>
internal sealed class ResponseCacheOptionsValidator : IValidateOptions<ResponseCacheOptions>
{
    public ValidateOptionsResult Validate(string? name, ResponseCacheOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!IsValidNamespace(options.Namespace))
        {
            failures.Add($"ResponseCacheOptions.Namespace '{options.Namespace}' must be 1 to 64 letters, digits, '_', '.' or '-'.");
        }

        if (options.MaximumBodySize <= 0)
        {
            failures.Add($"ResponseCacheOptions.MaximumBodySize must be positive, was {options.MaximumBodySize}.");
        }

        if (options.DefaultPolicy is null)
        {
            failures.Add("ResponseCacheOptions.DefaultPolicy must not be null.");
        }
        else
        {
            Check(failures, "(default)", options.DefaultPolicy);
        }

        foreach (var (policyName, policy) in options.Policies)
        {
            Check(failures, policyName, policy);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(List<string> failures, string name, ResponseCachePolicy policy)
    {
        try
        {
            policy.Validate(name);
        }
        catch (ArgumentException error)
        {
            failures.Add(error.Message);
            return;
        }

        if (policy.Namespace is { } ns && !IsValidNamespace(ns))
        {
            failures.Add($"Response cache policy '{name}': Namespace '{ns}' must be 1 to 64 letters, digits, '_', '.' or '-'.");
        }
    }

    private static bool IsValidNamespace(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 64)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '.' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}

using Microsoft.Extensions.Options;
using Strata.Policies;

namespace Strata.DependencyInjection;

/// <summary>Builds the policy registry once at validation time, so a bad or unknown policy fails at startup.</summary>
internal sealed class StrataPolicyOptionsValidator : IValidateOptions<StrataPolicyOptions>
{
    public ValidateOptionsResult Validate(string? name, StrataPolicyOptions options)
    {
        try
        {
            _ = new CachePolicyRegistry(options);
            return ValidateOptionsResult.Success;
        }
        catch (Exception error) when (error is ArgumentException or InvalidOperationException)
        {
            return ValidateOptionsResult.Fail(error.Message);
        }
    }
}

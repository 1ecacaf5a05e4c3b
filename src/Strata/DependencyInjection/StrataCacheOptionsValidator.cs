using Microsoft.Extensions.Options;

namespace Strata.DependencyInjection;

/// <summary>Runs <see cref="StrataCacheOptions.Validate"/> for the options system (and <c>ValidateOnStart</c>).</summary>
internal sealed class StrataCacheOptionsValidator : IValidateOptions<StrataCacheOptions>
{
    public ValidateOptionsResult Validate(string? name, StrataCacheOptions options)
    {
        try
        {
            options.Validate();
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException error)
        {
            return ValidateOptionsResult.Fail(error.Message);
        }
    }
}

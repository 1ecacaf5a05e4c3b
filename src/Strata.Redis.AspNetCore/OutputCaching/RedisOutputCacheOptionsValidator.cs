using Microsoft.Extensions.Options;

namespace Strata.Redis.AspNetCore.OutputCaching;

/// <summary>Runs <see cref="RedisOutputCacheOptions.Validate"/> for the options system (and <c>ValidateOnStart</c>).</summary>
internal sealed class RedisOutputCacheOptionsValidator : IValidateOptions<RedisOutputCacheOptions>
{
    public ValidateOptionsResult Validate(string? name, RedisOutputCacheOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
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

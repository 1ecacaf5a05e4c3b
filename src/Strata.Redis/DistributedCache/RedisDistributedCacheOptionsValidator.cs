using Microsoft.Extensions.Options;

namespace Strata.Redis.DistributedCache;

/// <summary>
/// Runs <see cref="RedisDistributedCacheOptions"/>' checks for the options system, so a misconfiguration surfaces as an
/// <see cref="OptionsValidationException"/> naming each option when the cache is first resolved (or when the host
/// starts), not as a failed command later.
/// </summary>
internal sealed class RedisDistributedCacheOptionsValidator : IValidateOptions<RedisDistributedCacheOptions>
{
    public ValidateOptionsResult Validate(string? name, RedisDistributedCacheOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.GetErrors();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

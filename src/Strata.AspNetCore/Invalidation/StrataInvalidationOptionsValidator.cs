using Microsoft.Extensions.Options;

namespace Strata.AspNetCore.Invalidation;

/// <summary>Compiles every rule at start-up (<c>ValidateOnStart</c>) and reports every problem, each naming its rule.</summary>
internal sealed class StrataInvalidationOptionsValidator : IValidateOptions<StrataInvalidationOptions>
{
    public ValidateOptionsResult Validate(string? name, StrataInvalidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.JournalCapacity < 1)
        {
            errors.Add($"StrataInvalidationOptions.JournalCapacity must be at least 1 (was {options.JournalCapacity}).");
        }

        for (var i = 0; i < options.Rules.Count; i++)
        {
            CompiledRule.TryCompile(options.Rules[i], InvalidationRuleTable.RuleName(i), errors);
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

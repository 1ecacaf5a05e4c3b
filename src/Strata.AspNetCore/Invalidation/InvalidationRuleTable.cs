using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Strata.AspNetCore.Invalidation;

/// <summary>The compiled rules of <see cref="StrataInvalidationOptions"/>; finds the targets of a request.</summary>
internal sealed class InvalidationRuleTable
{
    private readonly CompiledRule[] _rules;

    public InvalidationRuleTable(IOptions<StrataInvalidationOptions> options)
    {
        var errors = new List<string>();
        var rules = new List<CompiledRule>();
        var list = options.Value.Rules;
        for (var i = 0; i < list.Count; i++)
        {
            if (CompiledRule.TryCompile(list[i], RuleName(i), errors) is { } rule)
            {
                rules.Add(rule);
            }
        }

        if (errors.Count > 0)
        {
            // The validator has already said this at start-up; reached only without ValidateOnStart.
            throw new OptionsValidationException(Options.DefaultName, typeof(StrataInvalidationOptions), errors);
        }

        _rules = [.. rules];
    }

    public bool IsEmpty => _rules.Length == 0;

    /// <summary>How rules are named in messages: their position (configuration rules first, then code).</summary>
    public static string RuleName(int index) => $"Invalidation rule {index} (Strata:Invalidation:Rules:{index})";

    /// <summary>Adds the targets of every rule matching <paramref name="method"/> and <paramref name="path"/>;
    /// <paramref name="skipped"/> gets templates whose placeholder had no value.</summary>
    public void Collect(string method, string path, ref List<InvalidationTarget>? targets, ref List<string>? skipped)
    {
        foreach (var rule in _rules)
        {
            if ((rule.Method is not null && !string.Equals(rule.Method, method, StringComparison.OrdinalIgnoreCase))
                || !rule.Path.TryMatch(path, out var captured))
            {
                continue;
            }

            var values = captured is null ? null : new RouteValueDictionary(captured!);
            Expand(rule.Tags, InvalidationKind.Tag, values, rule.Description, ref targets, ref skipped);
            Expand(rule.Namespaces, InvalidationKind.Namespace, values, rule.Description, ref targets, ref skipped);
        }
    }

    private static void Expand(
        IReadOnlyList<Tags.TagTemplate> templates,
        InvalidationKind kind,
        RouteValueDictionary? values,
        string origin,
        ref List<InvalidationTarget>? targets,
        ref List<string>? skipped)
    {
        foreach (var template in templates)
        {
            var name = template.Parameters.Count == 0 ? template.Text : values is null ? null : template.Expand(values);
            if (name is null)
            {
                (skipped ??= []).Add(template.Text);
                continue;
            }

            InvalidationTargets.Add(ref targets, new InvalidationTarget(kind, name, InvalidationSource.Rule, origin));
        }
    }
}

using Microsoft.Extensions.Configuration;

namespace Strata.Policies;

/// <summary>
/// The named policies: from configuration sections (<c>Strata:Policies</c>) first, then from code (which wins), with
/// the duration adjusters registered in code attached. Names are case-insensitive. Every policy is validated here,
/// so a bad one fails at startup with its name in the message.
/// </summary>
internal sealed class CachePolicyRegistry
{
    private readonly Dictionary<string, StrataEntryOptions> _policies;

    public CachePolicyRegistry(StrataPolicyOptions source)
    {
        _policies = new Dictionary<string, StrataEntryOptions>(StringComparer.OrdinalIgnoreCase);
        foreach (var section in source.Sections)
        {
            foreach (var child in section.GetChildren())
            {
                var configured = new PolicyConfiguration();
                try
                {
                    child.Bind(configured, static binder => binder.ErrorOnUnknownConfiguration = true);
                }
                catch (InvalidOperationException error)
                {
                    throw new InvalidOperationException($"Cache policy '{child.Key}' in configuration ({child.Path}) is invalid: {error.Message}", error);
                }

                _policies[child.Key] = configured.ToOptions(child.Key);
            }
        }

        foreach (var (name, options) in source.Policies)
        {
            _policies[name] = options with { PolicyName = options.PolicyName ?? name };
        }

        foreach (var (name, adjusters) in source.Adjusters)
        {
            if (!_policies.TryGetValue(name, out var options))
            {
                throw new InvalidOperationException($"Duration adjusters were registered for the unknown cache policy '{name}'. {Known()}");
            }

            _policies[name] = options with { DurationAdjusters = [.. options.DurationAdjusters ?? [], .. adjusters] };
        }

        foreach (var (name, options) in _policies)
        {
            options.Validate($"cache policy '{name}'");
        }

        Names = [.. _policies.Keys.Order(StringComparer.OrdinalIgnoreCase)];
    }

    public IReadOnlyCollection<string> Names { get; }

    public StrataEntryOptions Get(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return _policies.TryGetValue(name, out var options)
            ? options
            : throw new KeyNotFoundException($"Unknown cache policy '{name}'. {Known()}");
    }

    private string Known() =>
        _policies.Count == 0
            ? "No policies are configured (Strata:Policies in configuration, or WithPolicy in code)."
            : $"Known policies: {string.Join(", ", _policies.Keys.Order(StringComparer.OrdinalIgnoreCase))}.";
}

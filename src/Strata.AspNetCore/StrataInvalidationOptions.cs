namespace Strata.AspNetCore;

/// <summary>
/// Route-pattern invalidation rules applied by <c>UseStrataInvalidation</c>, in addition to the per-endpoint
/// <c>InvalidatesTags</c> / <c>InvalidatesNamespaces</c> metadata. Rules from the <c>Strata:Invalidation:Rules</c>
/// configuration section come first, then rules added in code. Validated when the host starts; a bad rule fails
/// start-up with a message naming it.
/// </summary>
public sealed class StrataInvalidationOptions
{
    /// <summary>The rules; every rule matching a request applies. Default empty.</summary>
    public IList<InvalidationRule> Rules { get; } = [];

    /// <summary>How many recent invalidations the in-memory journal keeps for the admin dashboard. Default 100.</summary>
    public int JournalCapacity { get; set; } = 100;

    /// <summary>Adds a rule: after a 2xx response to <paramref name="method"/> (<c>*</c> for any) on a path matching
    /// <paramref name="path"/>, invalidate <paramref name="tags"/> and <paramref name="namespaces"/>.</summary>
    /// <param name="method">The HTTP method, or <c>*</c> for any.</param>
    /// <param name="path">The path pattern; see <see cref="InvalidationRule.Path"/>.</param>
    /// <param name="tags">Tags to invalidate (may read <c>{name}</c> placeholders of the path).</param>
    /// <param name="namespaces">Namespaces to invalidate (may read <c>{name}</c> placeholders of the path).</param>
    /// <returns>These options.</returns>
    public StrataInvalidationOptions AddRule(string method, string path, IEnumerable<string>? tags = null, IEnumerable<string>? namespaces = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var rule = new InvalidationRule { Method = method, Path = path };
        foreach (var tag in tags ?? [])
        {
            rule.Tags.Add(tag);
        }

        foreach (var name in namespaces ?? [])
        {
            rule.Namespaces.Add(name);
        }

        Rules.Add(rule);
        return this;
    }
}

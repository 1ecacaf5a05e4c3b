using Strata.AspNetCore.Tags;

namespace Strata.AspNetCore;

/// <summary>
/// Endpoint metadata: after a 2xx response, <c>UseStrataInvalidation</c> clears these cache namespaces on every node
/// (<see cref="StrataCache.ClearAsync"/>). <c>{name}</c> reads the route value <c>name</c>. Put it on controllers or
/// actions, or use <see cref="StrataInvalidationEndpointExtensions.InvalidatesNamespaces{TBuilder}"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true, Inherited = true)]
public sealed class InvalidatesNamespacesAttribute : Attribute
{
    /// <summary>Clears <paramref name="namespaces"/> after a 2xx response.</summary>
    /// <param name="namespaces">Namespace names (ASCII letters, digits, <c>_ . -</c>), possibly with placeholders.</param>
    /// <exception cref="ArgumentException">No namespaces, or one is empty or has a malformed placeholder.</exception>
    public InvalidatesNamespacesAttribute(params string[] namespaces)
    {
        ArgumentNullException.ThrowIfNull(namespaces);
        if (namespaces.Length == 0)
        {
            throw new ArgumentException("At least one namespace is needed.", nameof(namespaces));
        }

        Namespaces = [.. namespaces];
        Templates = [.. namespaces.Select(TagTemplate.Parse)];
    }

    /// <summary>The namespaces as written.</summary>
    public IReadOnlyList<string> Namespaces { get; }

    internal IReadOnlyList<TagTemplate> Templates { get; }
}

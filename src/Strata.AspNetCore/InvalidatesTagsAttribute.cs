using Strata.AspNetCore.Tags;

namespace Strata.AspNetCore;

/// <summary>
/// Endpoint metadata: after a 2xx response, <c>UseStrataInvalidation</c> invalidates these tags on every node.
/// <c>{name}</c> in a tag reads the route value <c>name</c> (<c>trip:{id}</c>). Put it on controllers or actions, or
/// use <see cref="StrataInvalidationEndpointExtensions.InvalidatesTags{TBuilder}"/> on minimal endpoints. A placeholder
/// the route does not have fails start-up.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true, Inherited = true)]
public sealed class InvalidatesTagsAttribute : Attribute
{
    /// <summary>Invalidates <paramref name="tags"/> after a 2xx response.</summary>
    /// <param name="tags">Tags, possibly with <c>{routeValue}</c> placeholders.</param>
    /// <exception cref="ArgumentException">No tags, or a tag is empty or has a malformed placeholder.</exception>
    public InvalidatesTagsAttribute(params string[] tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        if (tags.Length == 0)
        {
            throw new ArgumentException("At least one tag is needed.", nameof(tags));
        }

        Tags = [.. tags];
        Templates = [.. tags.Select(TagTemplate.Parse)];
    }

    /// <summary>The tags as written.</summary>
    public IReadOnlyList<string> Tags { get; }

    internal IReadOnlyList<TagTemplate> Templates { get; }
}

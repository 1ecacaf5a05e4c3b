namespace Strata;

/// <summary>What an invalidation covered.</summary>
public enum StrataInvalidationScope
{
    /// <summary>One key (<c>RemoveAsync</c>).</summary>
    Key,

    /// <summary>Every entry carrying a tag (<c>RemoveByTagAsync</c>).</summary>
    Tag,

    /// <summary>A whole namespace (<c>ClearAsync</c>).</summary>
    Namespace,

    /// <summary>Everything (<c>RemoveByTagAsync("*")</c>).</summary>
    All,
}

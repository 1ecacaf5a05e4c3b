using Microsoft.AspNetCore.Routing;
using Strata.AspNetCore.Tags;

namespace Strata.AspNetCore.ResponseCaching;

/// <summary>
/// Everything the middleware needs for one endpoint, computed once from its policy: the resolved policy, the engine
/// options, the precomputed <c>Cache-Control</c> and <c>Vary</c> values, the normalized vary lists and the tag
/// templates. The hit path reads only this.
/// </summary>
internal sealed class EndpointPlan
{
    /// <summary>The endpoint carries no response-cache metadata (cached too, so such endpoints cost one lookup).</summary>
    public static readonly EndpointPlan None = new();

    /// <summary>Whether the endpoint's responses are cached at all.</summary>
    public bool IsCached { get; init; }

    /// <summary>The endpoint's display name, for messages.</summary>
    public string EndpointName { get; init; } = string.Empty;

    /// <summary>The <c>policy</c> tag of the metrics: the policy name, <c>default</c> or <c>inline</c>.</summary>
    public string PolicyTag { get; init; } = string.Empty;

    public StrataCache Cache { get; init; } = null!;

    /// <summary>How the engine keeps entries: fresh for the HTTP freshness plus stale-while-revalidate, fail-safe for
    /// the rest of stale-if-error; the engine's own background refreshes are off.</summary>
    public StrataEntryOptions EntryOptions { get; init; } = null!;

    /// <summary>HTTP freshness (s-maxage or max-age), in ticks.</summary>
    public long FreshTicks { get; init; }

    /// <summary>The stale-while-revalidate window past freshness, in ticks (0 with must-revalidate).</summary>
    public long StaleWhileRevalidateTicks { get; init; }

    public bool MustRevalidate { get; init; }

    /// <summary>The policy says no-store: nothing is stored.</summary>
    public bool NoStore { get; init; }

    /// <summary>The <c>Cache-Control</c> written on stored responses (unless the endpoint set its own).</summary>
    public string CacheControl { get; init; } = string.Empty;

    /// <summary>The <c>Vary</c> written on stored responses (the policy's headers), or null.</summary>
    public string? Vary { get; init; }

    /// <summary>The policy's vary headers, lower-cased, sorted, distinct.</summary>
    public string[] VaryByHeaders { get; init; } = [];

    /// <summary>Whether all query keys are part of the key.</summary>
    public bool VaryByAllQueryKeys { get; init; }

    /// <summary>The listed query keys (when not all), sorted, distinct under the policy's comparison.</summary>
    public string[] VaryByQueryKeys { get; init; } = [];

    public bool QueryKeysCaseSensitive { get; init; }

    /// <summary>Route values in the key, sorted, distinct.</summary>
    public string[] VaryByRouteValues { get; init; } = [];

    public bool VaryByUser { get; init; }

    public bool CaseSensitivePaths { get; init; }

    /// <summary>The statuses stored.</summary>
    public int[] StatusCodes { get; init; } = [];

    public bool HonorRequestNoCache { get; init; }

    public bool HonorRequestNoStore { get; init; }

    public long MaximumBodySize { get; init; }

    /// <summary>Tags with route-value placeholders, or empty.</summary>
    public TagTemplate[] TagTemplates { get; init; } = [];

    /// <summary>The tags when none has a placeholder (no per-request work), else null.</summary>
    public string[]? StaticTags { get; init; }

    /// <summary>The tags of an entry for a request with these route values (a placeholder without a value drops its
    /// tag rather than name another entity).</summary>
    public string[] ExpandTags(RouteValueDictionary values)
    {
        if (StaticTags is { } tags)
        {
            return tags;
        }

        var expanded = new List<string>(TagTemplates.Length);
        foreach (var template in TagTemplates)
        {
            if (template.Expand(values) is { } tag)
            {
                expanded.Add(tag);
            }
        }

        return [.. expanded];
    }

    public bool StoresStatus(int status)
    {
        foreach (var stored in StatusCodes)
        {
            if (stored == status)
            {
                return true;
            }
        }

        return false;
    }
}

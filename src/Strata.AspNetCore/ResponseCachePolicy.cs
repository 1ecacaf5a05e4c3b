namespace Strata.AspNetCore;

/// <summary>
/// How an endpoint's responses are cached by Strata and what <c>Cache-Control</c> they carry (RFC 9111, RFC 5861).
/// Every default is written on its property. Named policies are registered with
/// <see cref="ResponseCacheOptions.AddPolicy(string, Action{ResponseCachePolicy})"/>; an endpoint takes one with
/// <c>.CacheResponse("name")</c> or <c>[CacheResponse("name")]</c>.
/// </summary>
/// <remarks>
/// A stored response's life, measured from when the endpoint produced it: fresh for <see cref="SharedMaxAge"/> (or
/// <see cref="Duration"/>), then served stale at once while one background revalidation runs for
/// <see cref="StaleWhileRevalidate"/>, and served stale when the endpoint fails (5xx or an exception) for
/// <see cref="StaleIfError"/>. <see cref="MustRevalidate"/> turns both stale windows off.
/// </remarks>
public sealed class ResponseCachePolicy
{
    /// <summary>How long a response is fresh: emitted as <c>max-age</c>, and how long Strata serves it as a hit
    /// unless <see cref="SharedMaxAge"/> is set. Default 60 seconds.</summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Freshness for shared caches: emitted as <c>s-maxage</c> and, when set, how long Strata (itself a
    /// shared cache) serves a response as fresh. Default none.</summary>
    public TimeSpan? SharedMaxAge { get; set; }

    /// <summary>RFC 5861 <c>stale-while-revalidate</c>: how long past freshness a stale copy is served at once
    /// (<c>X-Cache: STALE</c>) while one background revalidation per key runs. Zero disables. Default zero.</summary>
    public TimeSpan StaleWhileRevalidate { get; set; }

    /// <summary>RFC 5861 <c>stale-if-error</c>: how long past freshness a stale copy is served instead of a 5xx
    /// response or an exception of the endpoint. Zero disables. Default zero.</summary>
    public TimeSpan StaleIfError { get; set; }

    /// <summary>Emits <c>must-revalidate</c> and never serves a stale copy (it turns off
    /// <see cref="StaleWhileRevalidate"/> and <see cref="StaleIfError"/>). Default false.</summary>
    public bool MustRevalidate { get; set; }

    /// <summary>Emits <c>private</c> instead of <c>public</c>, so browsers may cache but CDNs and proxies may not.
    /// Strata stores such responses only per user (with <see cref="VaryByUser"/>) or for anonymous requests.
    /// Default false.</summary>
    public bool Private { get; set; }

    /// <summary>Emits <c>no-cache</c>: downstream caches must revalidate every use (a cheap 304 thanks to the ETag);
    /// Strata still stores and serves the response. Default false.</summary>
    public bool NoCache { get; set; }

    /// <summary>Emits <c>no-store</c> and stores nothing (every response is <c>X-Cache: BYPASS</c>). Default false.</summary>
    public bool NoStore { get; set; }

    /// <summary>The statuses that are stored. Only statuses RFC 9110 calls heuristically cacheable are accepted
    /// (200, 203, 204, 300, 301, 308, 404, 405, 410, 414, 501; 206 is not, as ranges are not served).
    /// Default 200 only.</summary>
    public ISet<int> StatusCodes { get; } = new HashSet<int> { 200 };

    /// <summary>Request headers that are part of the key and emitted in <c>Vary</c> (names are case-insensitive).
    /// Default none.</summary>
    public IList<string> VaryByHeaders { get; } = [];

    /// <summary>Query keys that are part of the key: <c>"*"</c> for all of them, listed keys for only those (others
    /// are ignored), empty to ignore the query. In the key, pairs are sorted by key (ordinal; values keep their
    /// order), so <c>?b=2&amp;a=1</c> and <c>?a=1&amp;b=2</c> share an entry. Default <c>"*"</c>.</summary>
    public IList<string> VaryByQueryKeys { get; } = ["*"];

    /// <summary>Whether query keys are compared case-sensitively (<c>?Page=2</c> and <c>?page=2</c> apart). Values
    /// are always case-sensitive. Default false.</summary>
    public bool QueryKeysCaseSensitive { get; set; }

    /// <summary>Route values that are part of the key (the path already is; this matters for values that do not
    /// appear in it). Each must be a parameter, default or required value of the route. Default none.</summary>
    public IList<string> VaryByRouteValues { get; } = [];

    /// <summary>Caches per user: the user's id (<c>ClaimTypes.NameIdentifier</c>, else <c>Identity.Name</c>) is part
    /// of the key, so authenticated requests are cached and no user sees another's response. Without it,
    /// authenticated requests bypass the cache. Default false.</summary>
    public bool VaryByUser { get; set; }

    /// <summary>Tags the stored entries carry, for <c>StrataCache.RemoveByTagAsync</c>; <c>{name}</c> reads route
    /// value <c>name</c> (<c>trip:{id}</c>), checked against the route at startup. Default none.</summary>
    public IList<string> Tags { get; } = [];

    /// <summary>Whether a request's <c>Cache-Control: no-cache</c> is honoured (the endpoint runs and its response
    /// replaces the stored one). A CDN-facing API may turn this off so clients cannot force origin load.
    /// Default true.</summary>
    public bool HonorRequestNoCache { get; set; } = true;

    /// <summary>Whether a request's <c>Cache-Control: no-store</c> is honoured (the endpoint runs; nothing is read from
    /// or written to the cache). Default true.</summary>
    public bool HonorRequestNoStore { get; set; } = true;

    /// <summary>The Strata namespace the entries live in (letters, digits, <c>_ . -</c>). Default
    /// <see cref="ResponseCacheOptions.Namespace"/>.</summary>
    public string? Namespace { get; set; }

    /// <summary>The largest body stored, in bytes; a larger body streams through uncached. Default
    /// <see cref="ResponseCacheOptions.MaximumBodySize"/>.</summary>
    public long? MaximumBodySize { get; set; }

    /// <summary>A deep copy (so a named policy can be adjusted for one endpoint without changing it for others).</summary>
    public ResponseCachePolicy Clone()
    {
        var copy = new ResponseCachePolicy
        {
            Duration = Duration,
            SharedMaxAge = SharedMaxAge,
            StaleWhileRevalidate = StaleWhileRevalidate,
            StaleIfError = StaleIfError,
            MustRevalidate = MustRevalidate,
            Private = Private,
            NoCache = NoCache,
            NoStore = NoStore,
            QueryKeysCaseSensitive = QueryKeysCaseSensitive,
            VaryByUser = VaryByUser,
            HonorRequestNoCache = HonorRequestNoCache,
            HonorRequestNoStore = HonorRequestNoStore,
            Namespace = Namespace,
            MaximumBodySize = MaximumBodySize,
        };
        copy.StatusCodes.Clear();
        copy.StatusCodes.UnionWith(StatusCodes);
        copy.VaryByQueryKeys.Clear();
        CopyInto(VaryByQueryKeys, copy.VaryByQueryKeys);
        CopyInto(VaryByHeaders, copy.VaryByHeaders);
        CopyInto(VaryByRouteValues, copy.VaryByRouteValues);
        CopyInto(Tags, copy.Tags);
        return copy;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the policy and the first invalid setting.</summary>
    /// <param name="name">What the policy is called in the message.</param>
    public void Validate(string name)
    {
        if (Duration <= TimeSpan.Zero)
        {
            Fail(name, nameof(Duration), $"must be positive, was {Duration}");
        }

        if (SharedMaxAge is { } shared && shared <= TimeSpan.Zero)
        {
            Fail(name, nameof(SharedMaxAge), $"must be positive, was {shared}");
        }

        if (StaleWhileRevalidate < TimeSpan.Zero)
        {
            Fail(name, nameof(StaleWhileRevalidate), $"must not be negative, was {StaleWhileRevalidate}");
        }

        if (StaleIfError < TimeSpan.Zero)
        {
            Fail(name, nameof(StaleIfError), $"must not be negative, was {StaleIfError}");
        }

        if (MaximumBodySize is <= 0)
        {
            Fail(name, nameof(MaximumBodySize), $"must be positive, was {MaximumBodySize}");
        }

        if (StatusCodes.Count == 0)
        {
            Fail(name, nameof(StatusCodes), "must list at least one status");
        }

        foreach (var status in StatusCodes)
        {
            if (!IsHeuristicallyCacheable(status))
            {
                Fail(name, nameof(StatusCodes), $"lists {status}, which is not a cacheable status (allowed: 200, 203, 204, 300, 301, 308, 404, 405, 410, 414, 501)");
            }
        }

        CheckNames(name, nameof(VaryByHeaders), VaryByHeaders);
        CheckNames(name, nameof(VaryByQueryKeys), VaryByQueryKeys);
        CheckNames(name, nameof(VaryByRouteValues), VaryByRouteValues);
        CheckNames(name, nameof(Tags), Tags);
        foreach (var header in VaryByHeaders)
        {
            if (header == "*")
            {
                Fail(name, nameof(VaryByHeaders), "lists \"*\", which would make every response unusable (RFC 9111 §4.1); list header names");
            }
        }
    }

    internal static bool IsHeuristicallyCacheable(int status) =>
        status is 200 or 203 or 204 or 300 or 301 or 308 or 404 or 405 or 410 or 414 or 501;

    private static void CheckNames(string name, string property, IList<string> values)
    {
        foreach (var value in values)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                Fail(name, property, "contains an empty entry");
            }
        }
    }

    private static void CopyInto(IList<string> source, IList<string> target)
    {
        foreach (var item in source)
        {
            target.Add(item);
        }
    }

    private static void Fail(string name, string property, string problem) =>
        throw new ArgumentException($"Response cache policy '{name}': {property} {problem}.", property);
}

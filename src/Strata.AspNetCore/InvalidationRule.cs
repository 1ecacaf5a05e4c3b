namespace Strata.AspNetCore;

/// <summary>
/// A route-pattern invalidation rule: after a 2xx response to a request whose method and path match, the listed tags
/// and namespaces are invalidated on every node. Bound from <c>Strata:Invalidation:Rules</c> (an array of
/// <c>{ "Method": "POST", "Path": "/v1.0/user/create*", "Tags": [ "user_stats" ] }</c>) or added with
/// <see cref="StrataInvalidationOptions.AddRule"/>.
/// </summary>
public sealed class InvalidationRule
{
    /// <summary>The HTTP method (<c>POST</c>, case-insensitive), or <c>*</c> / null for any method. Default null.
    /// CORS preflights (<c>OPTIONS</c> with <c>Access-Control-Request-Method</c>) never invalidate.</summary>
    public string? Method { get; set; }

    /// <summary>
    /// The path pattern, matched case-insensitively against the request path (after the path base):
    /// literal text, <c>{name}</c> placeholders (one non-empty segment each, usable in tags as <c>{name}</c>), a
    /// leading <c>*</c> (any start) and a trailing <c>*</c> (any rest, including further segments), e.g.
    /// <c>/v1.0/user/create*</c>, <c>/trips/{id}</c>, <c>*/stats/reset</c>. A trailing <c>/</c> on the request is
    /// tolerated. Default empty (invalid: every rule needs a path).
    /// </summary>
    public string Path { get; set; } = "";

    /// <summary>Tags to invalidate; <c>{name}</c> reads a placeholder of <see cref="Path"/>. Default empty.</summary>
    public IList<string> Tags { get; } = [];

    /// <summary>Namespaces to invalidate (<see cref="StrataCache.ClearAsync"/>); <c>{name}</c> reads a placeholder of
    /// <see cref="Path"/>. Default empty. A rule needs at least one tag or namespace.</summary>
    public IList<string> Namespaces { get; } = [];

    /// <summary>The rule as logs and the journal show it: <c>POST /v1.0/user/create*</c>.</summary>
    public override string ToString() => $"{(string.IsNullOrEmpty(Method) ? "*" : Method)} {Path}";
}

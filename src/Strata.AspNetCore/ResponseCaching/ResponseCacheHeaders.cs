namespace Strata.AspNetCore.ResponseCaching;

/// <summary>Header names and values the cache writes.</summary>
internal static class ResponseCacheHeaders
{
    public const string XCache = "X-Cache";
    public const string Hit = "HIT";
    public const string Miss = "MISS";
    public const string Stale = "STALE";
    public const string Bypass = "BYPASS";

    public static string ToHeaderValue(ResponseCacheOutcome outcome) => outcome switch
    {
        ResponseCacheOutcome.Hit => Hit,
        ResponseCacheOutcome.Miss => Miss,
        ResponseCacheOutcome.Stale => Stale,
        _ => Bypass,
    };

    /// <summary>The metrics' <c>result</c> tag.</summary>
    public static string ToResultTag(ResponseCacheOutcome outcome) => outcome switch
    {
        ResponseCacheOutcome.Hit => "hit",
        ResponseCacheOutcome.Miss => "miss",
        ResponseCacheOutcome.Stale => "stale",
        _ => "bypass",
    };
}

namespace Strata.AspNetCore.ResponseCaching;

/// <summary>The <c>Cache-Control</c> directives the cache acts on (request or response).</summary>
[Flags]
internal enum CacheControlFlags
{
    None = 0,
    NoCache = 1,
    NoStore = 2,
    Private = 4,
}

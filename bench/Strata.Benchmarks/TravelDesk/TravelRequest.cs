namespace Strata.Benchmarks.TravelDesk;

/// <summary>One request of a workload: a GET, or a POST/PUT with a JSON body.</summary>
/// <param name="Kind">What it asks for.</param>
/// <param name="Method">GET, POST or PUT.</param>
/// <param name="PathAndQuery">Relative to the instance's base address, e.g. <c>api/flights/search?origin=LAX&amp;...</c>.</param>
/// <param name="JsonBody">The body of a POST or PUT; null for a GET.</param>
internal sealed record TravelRequest(RequestKind Kind, HttpMethod Method, string PathAndQuery, string? JsonBody)
{
    /// <summary>The same search sent with <c>skipCache=true</c>: TravelDesk asks the supplier now (and stores the answer).</summary>
    public TravelRequest WithSkipCache() => this with { PathAndQuery = PathAndQuery + "&skipCache=true" };
}

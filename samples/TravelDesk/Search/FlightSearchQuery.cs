using Strata.Keys;
using TravelDesk.Supplier.Contracts;

namespace TravelDesk.Search;

/// <summary>
/// A validated, canonical flight search: codes upper-case, airlines sorted and de-duplicated. Its cache key is
/// <see cref="CacheKeys.From{T}"/> of it, so <c>lax</c>/<c>LAX</c> and <c>DL,AA</c>/<c>AA,DL</c> share one entry.
/// </summary>
public sealed record FlightSearchQuery(
    [property: CacheKeyCase(KeyCase.Upper)] string Origin,
    [property: CacheKeyCase(KeyCase.Upper)] string Destination,
    DateOnly Departure,
    DateOnly? Return,
    int Adults,
    int Children,
    int Infants,
    CabinClass Cabin,
    int? MaxConnections,
    [property: CacheKeyCase(KeyCase.Upper)] IReadOnlyList<string> Airlines) : ISearchQuery
{
    [CacheKeyIgnore]
    public string CacheKey => CacheKeys.From("search", this);

    /// <summary>The route tag, e.g. <c>route:LAX-JFK</c>: evicts every cached search of a route at once.</summary>
    [CacheKeyIgnore]
    public IReadOnlyList<string> Tags => [$"route:{Origin}-{Destination}"];
}

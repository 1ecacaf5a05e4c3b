using Strata.Keys;

namespace TravelDesk.Search;

/// <summary>A validated, canonical hotel search: city code upper-case, amenities lower-case, sorted, de-duplicated.</summary>
public sealed record HotelSearchQuery(
    [property: CacheKeyCase(KeyCase.Upper)] string City,
    DateOnly CheckIn,
    DateOnly CheckOut,
    int Guests,
    int Rooms,
    int? MinStars,
    [property: CacheKeyCase(KeyCase.Lower)] IReadOnlyList<string> Amenities) : ISearchQuery
{
    [CacheKeyIgnore]
    public string CacheKey => CacheKeys.From("search", this);

    /// <summary>The city tag, e.g. <c>city:PAR</c>.</summary>
    [CacheKeyIgnore]
    public IReadOnlyList<string> Tags => [$"city:{City}"];
}

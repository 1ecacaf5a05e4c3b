using Strata.Keys;

namespace Strata.Tests.Keys;

public sealed record FlightSearch(
    [property: CacheKeyCase(KeyCase.Upper)] string Origin,
    [property: CacheKeyCase(KeyCase.Upper)] string Destination,
    DateOnly DepartureDate,
    DateOnly? ReturnDate,
    int Adults,
    CabinClass Cabin,
    IReadOnlyList<string> AirlineCodes,
    [property: CacheKeyIgnore] string? RequestId);

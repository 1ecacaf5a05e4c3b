using Strata.Keys;

namespace Strata.Tests.Keys;

public sealed class HotelSearch
{
    [CacheKeyName("loc")]
    public string? Location { get; init; }

    public DateOnly CheckIn { get; init; }

    public Guests? Guests { get; init; }

    [CacheKeyCase(KeyCase.Lower)]
    public HashSet<string>? Amenities { get; init; }

    [CacheKeyOrdered]
    public List<string>? PreferredChains { get; init; }

    public Dictionary<string, decimal?>? PriceFilters { get; init; }

    public int? MinRating { get; init; }

    public string this[int index] => index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    internal string Internal { get; init; } = "hidden";
}

namespace TravelDesk.Supplier.Hotels;

/// <summary>The amenities a hotel can list, in the order offers list them; <c>amenities=</c> filters take these names.</summary>
internal static class HotelAmenities
{
    public static readonly IReadOnlyList<string> All = ["wifi", "pool", "spa", "gym", "parking", "breakfast", "airport-shuttle", "pet-friendly"];

    public static bool IsKnown(string name) => All.Contains(name, StringComparer.OrdinalIgnoreCase);

    /// <summary>How likely a hotel of <paramref name="stars"/> stars is to have <paramref name="amenity"/>: luxury grows with stars.</summary>
    public static double Likelihood(string amenity, int stars) => amenity switch
    {
        "wifi" => 0.95,
        "pool" => 0.10 + (0.15 * (stars - 2)),
        "spa" => stars >= 4 ? 0.25 + (0.35 * (stars - 4)) : 0.03,
        "gym" => 0.20 + (0.22 * (stars - 2)),
        "parking" => 0.50,
        "breakfast" => 0.40 + (0.12 * (stars - 2)),
        "airport-shuttle" => 0.20,
        "pet-friendly" => 0.25,
        _ => 0,
    };
}

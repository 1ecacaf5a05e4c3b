using TravelDesk.Supplier.Contracts;

namespace TravelDesk.Supplier.Simulation;

/// <summary>Great-circle (haversine) distances: what flight durations and fares are derived from.</summary>
internal static class GreatCircle
{
    private const double EarthRadiusKm = 6371.0;

    public static double Kilometres(Airport from, Airport to) =>
        Kilometres(from.Latitude, from.Longitude, to.Latitude, to.Longitude);

    public static double Kilometres(double latitude1, double longitude1, double latitude2, double longitude2)
    {
        var phi1 = Radians(latitude1);
        var phi2 = Radians(latitude2);
        var dPhi = Radians(latitude2 - latitude1);
        var dLambda = Radians(longitude2 - longitude1);
        var a = (Math.Sin(dPhi / 2) * Math.Sin(dPhi / 2)) +
                (Math.Cos(phi1) * Math.Cos(phi2) * Math.Sin(dLambda / 2) * Math.Sin(dLambda / 2));
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1.0, Math.Sqrt(a)));
    }

    private static double Radians(double degrees) => degrees * Math.PI / 180.0;
}

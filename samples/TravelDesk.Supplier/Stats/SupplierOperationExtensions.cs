namespace TravelDesk.Supplier.Stats;

/// <summary>Names and kinds of <see cref="SupplierOperation"/> values, without reflection on the hot path.</summary>
internal static class SupplierOperationExtensions
{
    public static readonly SupplierOperation[] All = Enum.GetValues<SupplierOperation>();

    /// <summary>The name in <c>/stats</c> and logs: flights, hotels, activities, weather, rates, airports, airlines, cities.</summary>
    public static string Name(this SupplierOperation operation) => operation switch
    {
        SupplierOperation.Flights => "flights",
        SupplierOperation.Hotels => "hotels",
        SupplierOperation.Activities => "activities",
        SupplierOperation.Weather => "weather",
        SupplierOperation.Rates => "rates",
        SupplierOperation.Airports => "airports",
        SupplierOperation.Airlines => "airlines",
        _ => "cities",
    };

    /// <summary>Searches are what the supplier's own rate limit counts: they are the expensive calls.</summary>
    public static bool IsSearch(this SupplierOperation operation) =>
        operation is SupplierOperation.Flights or SupplierOperation.Hotels or SupplierOperation.Activities;
}

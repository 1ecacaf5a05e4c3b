namespace TravelDesk.Supplier.Stats;

/// <summary>The operations the supplier counts, times and fails; searches are the first three.</summary>
internal enum SupplierOperation
{
    Flights,
    Hotels,
    Activities,
    Weather,
    Rates,
    Airports,
    Airlines,
    Cities,
}

namespace TravelDesk.Supplier.Contracts;

/// <summary>What the supplier did for one operation since start (or the last reset).</summary>
/// <param name="Operation">flights, hotels, activities, weather, rates, airports, airlines or cities.</param>
/// <param name="Requests">Every request received, whatever the answer.</param>
/// <param name="Served">Answered 200 (or 404 for an unknown code).</param>
/// <param name="RateLimited">Answered 429.</param>
/// <param name="Failed">Answered 503 (simulated error or outage).</param>
public sealed record SupplierOperationStats(string Operation, long Requests, long Served, long RateLimited, long Failed);

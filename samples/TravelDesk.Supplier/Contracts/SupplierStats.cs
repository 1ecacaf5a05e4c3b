namespace TravelDesk.Supplier.Contracts;

/// <summary>The answer to <c>GET /stats</c>: per-operation counters and the search limit in force.</summary>
/// <param name="Operations">One row per operation: flights, hotels, activities, weather, rates, airports, airlines, cities.</param>
/// <param name="SearchesPerMinute">The supplier's own limit on searches (flights + hotels + activities), across all callers.</param>
/// <param name="MaxSearchesInAnyMinute">The most searches it admitted in any sliding minute (never above the limit).</param>
/// <param name="Control">The fault injection in force (error rate, outage).</param>
public sealed record SupplierStats(IReadOnlyList<SupplierOperationStats> Operations, int SearchesPerMinute, int MaxSearchesInAnyMinute, SupplierControl Control);

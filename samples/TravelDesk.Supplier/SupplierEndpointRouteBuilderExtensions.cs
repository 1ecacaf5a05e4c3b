using TravelDesk.Supplier.Http;

namespace TravelDesk.Supplier;

/// <summary>Maps the supplier's HTTP API; the services come from <see cref="SupplierServiceCollectionExtensions.AddSupplier(IServiceCollection, Action{SupplierOptions}?)"/>.</summary>
public static class SupplierEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>/flights/search</c>, <c>/hotels/search</c>, <c>/activities/search</c>, <c>/weather/{city}</c>,
    /// <c>/rates/{from}/{to}</c>, <c>/airports</c>, <c>/airports/{code}</c>, <c>/airlines</c>, <c>/cities</c>,
    /// <c>/stats</c>, <c>POST /stats/reset</c> and <c>POST /control</c>; returns the group, for conventions.
    /// </summary>
    public static RouteGroupBuilder MapSupplier(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return SupplierEndpoints.Map(endpoints);
    }
}

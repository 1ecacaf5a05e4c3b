using Strata.AspNetCore;
using TravelDesk.Caching;
using TravelDesk.Supplier;

namespace TravelDesk.Search;

/// <summary>
/// Warms the AIRPORT entries of the busiest hubs at start-up (HITA's cache warming), so the first lookups of a fresh
/// instance are hits. Lookups do not count against the supplier's search limit.
/// </summary>
internal sealed class PopularAirportsWarmer : IStrataWarmer
{
    internal static readonly string[] Hubs = ["ATL", "LAX", "JFK", "ORD", "LHR", "CDG", "DXB", "HND", "SIN", "FRA"];

    private readonly TravelCache _cache;
    private readonly SupplierClient _supplier;

    public PopularAirportsWarmer(TravelCache cache, SupplierClient supplier)
    {
        _cache = cache;
        _supplier = supplier;
    }

    public string Name => "popular-airports";

    public async ValueTask WarmAsync(StrataWarmupContext context, CancellationToken cancellationToken)
    {
        if (!_cache.Enabled)
        {
            return;
        }

        foreach (var code in Hubs)
        {
            await LookupEndpoints.CachedAirportAsync(_cache, _supplier, code, cancellationToken).ConfigureAwait(false);
            context.ReportItems();
        }
    }
}

namespace Strata.Benchmarks.TravelDesk;

/// <summary>What a workload request asks TravelDesk for; the report breaks hit ratios and latency down by it.</summary>
internal enum RequestKind
{
    /// <summary><c>GET /api/flights/search</c>: the supplier (300–1200 ms), app-level cache FLIGHT_SEARCH.</summary>
    Flight,

    /// <summary><c>GET /api/hotels/search</c>: the supplier (200–800 ms), app-level cache HOTEL_SEARCH.</summary>
    Hotel,

    /// <summary>SmartTrip's lists (<c>/api/locations</c>, <c>/trip-types</c>, <c>/tags</c>, <c>/guides</c>,
    /// <c>/companies</c>): the database, HTTP response cache (15 min).</summary>
    ResourceList,

    /// <summary><c>GET /api/templates/{id}</c>: the database, HTTP response cache (5 min).</summary>
    Template,

    /// <summary><c>GET /api/users/{id}</c>: the database, HTTP response cache (3 min).</summary>
    User,

    /// <summary><c>GET /api/users?page=N</c>: the database, HTTP response cache (1 min).</summary>
    UserPage,

    /// <summary><c>GET /api/stats/users</c> and <c>/api/stats/dashboard</c>: aggregate queries, HTTP response cache.</summary>
    Stats,

    /// <summary><c>POST /api/recommendations</c>: one multi-join query, app-level cache RECOMMENDATIONS.</summary>
    Recommendation,
}

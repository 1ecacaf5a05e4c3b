using System.Globalization;
using TravelDesk.Supplier;

namespace Strata.Benchmarks.TravelDesk;

/// <summary>
/// The TravelDesk workload: a deterministic (seeded) sequence of requests in a fixed mix, each kind drawing its key
/// with Zipf(1.0) popularity from its own key space.
/// <list type="bullet">
/// <item>60 % flight searches: every ordered pair of catalogue airports in different cities (1,558 routes) × a
/// departure on one of the next 90 days (from the day after tomorrow, so the date is valid in every time zone) × one
/// way / 3 nights / 7 nights × four parties (1 adult economy, 2 adults economy, 2 adults + 2 children economy, 1 adult
/// business): 1.68 million keys.</item>
/// <item>15 % hotel searches: 39 catalogue cities × check-in on one of the next 90 days × 1, 2, 3, 4 or 7 nights × four
/// parties (2 guests, 1 guest, 3 guests, 4 guests in 2 rooms): 70,200 keys.</item>
/// <item>25 % SmartTrip/HITA reads from the database: 8 % resource lists (5), 5 % templates (300), 5 % users (2,000),
/// 2 % user list pages (20), 2 % statistics (2), 3 % recommendations (16 preference bodies).</item>
/// </list>
/// Keys of the large spaces get their popularity rank from a seeded shuffle; the short lists are already in popularity
/// order (locations before companies, page 1 before page 2). Only reads: the benchmark measures what a cache saves, and
/// writes would make the cache-off and cache-on runs differ in what they compute.
/// </summary>
internal sealed class TravelWorkload
{
    public const double ZipfExponent = 1.0;

    private const int Days = 90;

    private static readonly (RequestKind Kind, int PerMille)[] Mix =
    [
        (RequestKind.Flight, 600),
        (RequestKind.Hotel, 150),
        (RequestKind.ResourceList, 80),
        (RequestKind.Template, 50),
        (RequestKind.User, 50),
        (RequestKind.UserPage, 20),
        (RequestKind.Stats, 20),
        (RequestKind.Recommendation, 30),
    ];

    private static readonly int[] ReturnAfterNights = [0, 3, 7];

    private static readonly (int Adults, int Children, string Cabin)[] FlightParties =
        [(1, 0, "economy"), (2, 0, "economy"), (2, 2, "economy"), (1, 0, "business")];

    private static readonly int[] HotelNights = [1, 2, 3, 4, 7];

    private static readonly (int Guests, int Rooms)[] HotelParties = [(2, 1), (1, 1), (3, 1), (4, 2)];

    private static readonly string[] ResourceLists = ["api/locations", "api/trip-types", "api/tags", "api/guides", "api/companies"];

    private static readonly string[] StatsPaths = ["api/stats/dashboard", "api/stats/users"];

    private const int Templates = 300;
    private const int Users = 2000;
    private const int UserPages = 20;

    private readonly (string From, string To)[] _routes;
    private readonly string[] _cities;
    private readonly string[] _recommendationBodies;
    private readonly DateOnly _firstDay;
    private readonly ZipfKeySpace _flights;
    private readonly ZipfKeySpace _hotels;
    private readonly ZipfKeySpace _resourceLists;
    private readonly ZipfKeySpace _templates;
    private readonly ZipfKeySpace _users;
    private readonly ZipfKeySpace _userPages;
    private readonly ZipfKeySpace _stats;
    private readonly ZipfKeySpace _recommendations;

    /// <param name="seed">Seeds the popularity shuffles (and, in <see cref="Generate"/>, the request sequence).</param>
    /// <param name="today">The UTC date the run starts; departures and check-ins start two days later.</param>
    public TravelWorkload(int seed, DateOnly today)
    {
        _firstDay = today.AddDays(2);
        var airports = SupplierCatalog.Airports;
        _routes = [.. from origin in airports
                      from destination in airports
                      where origin.CityCode != destination.CityCode
                      select (origin.Code, destination.Code)];
        _cities = [.. SupplierCatalog.Cities.Select(static c => c.Code)];
        _recommendationBodies = RecommendationBodies();

        _flights = new ZipfKeySpace(_routes.Length * Days * ReturnAfterNights.Length * FlightParties.Length, ZipfExponent, seed);
        _hotels = new ZipfKeySpace(_cities.Length * Days * HotelNights.Length * HotelParties.Length, ZipfExponent, seed + 1);
        _resourceLists = new ZipfKeySpace(ResourceLists.Length, ZipfExponent, shuffleSeed: null);
        _templates = new ZipfKeySpace(Templates, ZipfExponent, seed + 2);
        _users = new ZipfKeySpace(Users, ZipfExponent, seed + 3);
        _userPages = new ZipfKeySpace(UserPages, ZipfExponent, shuffleSeed: null);
        _stats = new ZipfKeySpace(StatsPaths.Length, ZipfExponent, shuffleSeed: null);
        _recommendations = new ZipfKeySpace(_recommendationBodies.Length, ZipfExponent, shuffleSeed: null);
    }

    /// <summary>The number of distinct flight searches the workload can ask.</summary>
    public int FlightKeys => _flights.Count;

    /// <summary>The mix and key spaces in one line, for the report's header.</summary>
    public string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"mix: 60% flight searches ({_flights.Count:N0} keys: {_routes.Length:N0} routes x {Days} days x one-way/3/7 nights x 4 parties), "
        + $"15% hotel searches ({_hotels.Count:N0} keys: {_cities.Length} cities x {Days} days x 5 stays x 4 parties), "
        + $"25% database reads (8% resource lists of {ResourceLists.Length}, 5% templates of {Templates}, 5% users of {Users}, "
        + $"2% user pages of {UserPages}, 2% stats of {StatsPaths.Length}, 3% recommendations of {_recommendationBodies.Length} bodies); "
        + $"Zipf({ZipfExponent:0.0}) within each");

    /// <summary>The first <paramref name="count"/> requests of the sequence seeded by <paramref name="seed"/>.</summary>
    public TravelRequest[] Generate(int count, int seed)
    {
        var random = new Random(seed);
        var requests = new TravelRequest[count];
        for (var i = 0; i < count; i++)
        {
            requests[i] = Next(PickKind(random), random);
        }

        return requests;
    }

    private static RequestKind PickKind(Random random)
    {
        var draw = random.Next(1000);
        foreach (var (kind, perMille) in Mix)
        {
            if (draw < perMille)
            {
                return kind;
            }

            draw -= perMille;
        }

        return Mix[^1].Kind;
    }

    private TravelRequest Next(RequestKind kind, Random random) => kind switch
    {
        RequestKind.Flight => Flight(_flights.Next(random)),
        RequestKind.Hotel => Hotel(_hotels.Next(random)),
        RequestKind.ResourceList => Get(kind, ResourceLists[_resourceLists.Next(random)]),
        RequestKind.Template => Get(kind, Invariant($"api/templates/{_templates.Next(random) + 1}")),
        RequestKind.User => Get(kind, Invariant($"api/users/{_users.Next(random) + 1}")),
        RequestKind.UserPage => Get(kind, Invariant($"api/users?page={_userPages.Next(random) + 1}")),
        RequestKind.Stats => Get(kind, StatsPaths[_stats.Next(random)]),
        RequestKind.Recommendation => new TravelRequest(kind, HttpMethod.Post, "api/recommendations", _recommendationBodies[_recommendations.Next(random)]),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private TravelRequest Flight(int key)
    {
        var route = _routes[key % _routes.Length];
        key /= _routes.Length;
        var departure = _firstDay.AddDays(key % Days);
        key /= Days;
        var nights = ReturnAfterNights[key % ReturnAfterNights.Length];
        var party = FlightParties[key / ReturnAfterNights.Length];
        var query = Invariant($"api/flights/search?origin={route.From}&destination={route.To}&departure={departure:yyyy-MM-dd}");
        if (nights > 0)
        {
            query += Invariant($"&return={departure.AddDays(nights):yyyy-MM-dd}");
        }

        query += Invariant($"&adults={party.Adults}&children={party.Children}&cabin={party.Cabin}");
        return Get(RequestKind.Flight, query);
    }

    private TravelRequest Hotel(int key)
    {
        var city = _cities[key % _cities.Length];
        key /= _cities.Length;
        var checkIn = _firstDay.AddDays(key % Days);
        key /= Days;
        var nights = HotelNights[key % HotelNights.Length];
        var party = HotelParties[key / HotelNights.Length];
        return Get(RequestKind.Hotel, Invariant(
            $"api/hotels/search?city={city}&checkIn={checkIn:yyyy-MM-dd}&checkOut={checkIn.AddDays(nights):yyyy-MM-dd}&guests={party.Guests}&rooms={party.Rooms}"));
    }

    // Sixteen preference sets a trip planner's front end would send: a trip type with a budget (8), tag pairs for a
    // level of difficulty (4), and trip lengths (4).
    private static string[] RecommendationBodies()
    {
        var bodies = new List<string>();
        for (var tripType = 1; tripType <= 8; tripType++)
        {
            bodies.Add(Invariant($$"""{"tripTypeIds":[{{tripType}}],"maxPrice":3000,"groupSize":2,"limit":5}"""));
        }

        foreach (var (first, second, difficulty) in new[] { (1, 4, 3), (5, 9, 2), (7, 8, 2), (26, 29, 5) })
        {
            bodies.Add(Invariant($$"""{"tagIds":[{{first}},{{second}}],"maxDifficulty":{{difficulty}},"limit":10}"""));
        }

        foreach (var (min, max, price, group) in new[] { (2, 4, 1500, 1), (3, 7, 2500, 2), (5, 10, 4000, 2), (7, 14, 6000, 4) })
        {
            bodies.Add(Invariant($$"""{"minDurationDays":{{min}},"maxDurationDays":{{max}},"maxPrice":{{price}},"groupSize":{{group}},"limit":5}"""));
        }

        return [.. bodies];
    }

    private static TravelRequest Get(RequestKind kind, string pathAndQuery) => new(kind, HttpMethod.Get, pathAndQuery, null);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

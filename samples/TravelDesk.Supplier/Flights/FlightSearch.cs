using System.Globalization;
using TravelDesk.Supplier.Contracts;
using TravelDesk.Supplier.Simulation;
using static System.FormattableString;

namespace TravelDesk.Supplier.Flights;

/// <summary>
/// Generates the offers of a flight search. Everything random is drawn from a generator seeded by the supplier seed,
/// the route and the dates only, in a fixed order; cabin, passengers and filters are applied afterwards. So a query
/// always gets the same offers, a filtered query gets a subset of the unfiltered one, and the same flights are priced
/// in every cabin (which makes the cabin order and passenger rules checkable).
/// </summary>
internal static class FlightSearch
{
    private const double CruiseKmPerHour = 800;
    private const int TaxiAndClimbMinutes = 30;
    private const int MinConnectionMinutes = 45;
    private const int MinTurnaroundMinutes = 180;

    public static IReadOnlyList<FlightOffer> Search(FlightQuery query, int seed, TimeProvider time)
    {
        var today = TimeZones.Today(time, query.Origin.TimeZone);
        var offers = new List<FlightOffer>();
        foreach (var schedule in Schedules(query, seed, today))
        {
            var offer = Price(schedule, query);
            if (offer.SeatsLeft >= query.SeatedPassengers &&
                (query.MaxConnections is not { } max || (offer.Outbound.Connections <= max && (offer.Inbound?.Connections ?? 0) <= max)) &&
                (query.Airlines.Count == 0 || query.Airlines.Contains(offer.ValidatingAirline)))
            {
                offers.Add(offer);
            }
        }

        offers.Sort(static (a, b) =>
        {
            var byPrice = a.TotalPrice.Amount.CompareTo(b.TotalPrice.Amount);
            return byPrice != 0 ? byPrice : string.CompareOrdinal(a.Id, b.Id);
        });
        return offers;
    }

    /// <summary>The cabin fare multipliers over economy.</summary>
    public static double CabinMultiplier(CabinClass cabin) => cabin switch
    {
        CabinClass.PremiumEconomy => 1.6,
        CabinClass.Business => 3.2,
        CabinClass.First => 5.5,
        _ => 1.0,
    };

    /// <summary>A child pays 75 % of the adult fare, an infant on a lap 10 %, each rounded to the cent.</summary>
    public static decimal Total(decimal perAdult, int adults, int children, int infants) =>
        (perAdult * adults) +
        (Math.Round(perAdult * 0.75m, 2, MidpointRounding.AwayFromZero) * children) +
        (Math.Round(perAdult * 0.10m, 2, MidpointRounding.AwayFromZero) * infants);

    /// <summary>The one-way economy base fare in US dollars: dearer per kilometre on short routes.</summary>
    internal static double BaseFare(double kilometres) =>
        40 + (0.10 * Math.Min(kilometres, 3_000)) + (0.05 * Math.Max(0, kilometres - 3_000));

    private static IEnumerable<FlightSchedule> Schedules(FlightQuery query, int seed, DateOnly today)
    {
        var plans = RoutePlanner.Plan(query.Origin, query.Destination);
        if (plans.Count == 0)
        {
            yield break;
        }

        var byConnections = plans.GroupBy(p => p.Connections).OrderBy(g => g.Key).Select(g => g.ToArray()).ToArray();
        var random = DeterministicRandom.For(Invariant(
            $"flights|{seed}|{query.Origin.Code}|{query.Destination.Code}|{query.Departure:yyyy-MM-dd}|{query.Return:yyyy-MM-dd}"));
        var routeFactor = 0.9 + (0.2 * StableHash.Unit(Invariant($"route|{seed}|{query.Origin.Code}|{query.Destination.Code}")));
        var wanted = random.Next(5, 26);
        var seen = new HashSet<string>(StringComparer.Ordinal);

        // Bounded attempts: a route with few plans cannot yield many distinct schedules, and that is fine.
        for (var attempt = 0; attempt < wanted * 3 && seen.Count < wanted; attempt++)
        {
            // Fewer connections are likelier: non-stop 45 %, one stop 40 %, two stops 15 % (among what exists).
            var group = byConnections[PickGroup(random, byConnections)];
            var plan = random.Pick(group);
            var outbound = Fly(plan, query.Departure, DepartureTime(random), random, notBefore: null);
            Itinerary? inbound = null;
            if (query.Return is { } back)
            {
                var arrived = outbound.Segments[^1].Arrival.AddMinutes(MinTurnaroundMinutes);
                inbound = Fly(plan.Reversed(), back, DepartureTime(random), random, arrived);
            }

            var noise = random.NextDouble(0.88, 1.25);
            var key = Key(seed, outbound, inbound);
            if (!seen.Add(key))
            {
                continue;
            }

            var fare = Fare(outbound, query.Departure) + (inbound is null ? 0 : Fare(inbound, query.Return!.Value));
            var airlineFactor = 0.9 + (0.25 * StableHash.Unit(Invariant($"airline|{seed}|{plan.ValidatingAirline}")));
            var economy = fare * DemandCalendar.Advance(today, query.Departure) * routeFactor * airlineFactor * noise;
            yield return new FlightSchedule(key, plan.ValidatingAirline, outbound, inbound, economy);
        }
    }

    private static FlightOffer Price(FlightSchedule schedule, FlightQuery query)
    {
        var perAdult = Math.Round((decimal)(schedule.EconomyFare * CabinMultiplier(query.Cabin)), 2, MidpointRounding.AwayFromZero);
        var cabinKey = $"{schedule.Key}|{query.Cabin}";
        // Premium cabins are small: fewer seats left, drawn per cabin so the schedule itself stays cabin-independent.
        var maxSeats = query.Cabin is CabinClass.Economy or CabinClass.PremiumEconomy ? 9 : 6;
        var seatsLeft = 1 + (int)(StableHash.Unit("seats|" + cabinKey) * maxSeats);
        return new FlightOffer(
            "FO-" + StableHash.Of(cabinKey).ToString("x16", CultureInfo.InvariantCulture),
            schedule.ValidatingAirline,
            schedule.Outbound,
            schedule.Inbound,
            query.Cabin,
            new Money(perAdult, "USD"),
            new Money(Total(perAdult, query.Adults, query.Children, query.Infants), "USD"),
            seatsLeft);
    }

    private static int PickGroup(DeterministicRandom random, RoutePlan[][] groups)
    {
        ReadOnlySpan<double> weights = [0.45, 0.40, 0.15];
        var total = 0.0;
        foreach (var group in groups)
        {
            total += weights[group[0].Connections];
        }

        var draw = random.NextDouble() * total;
        for (var i = 0; i < groups.Length; i++)
        {
            draw -= weights[groups[i][0].Connections];
            if (draw < 0)
            {
                return i;
            }
        }

        return groups.Length - 1;
    }

    // Departures between 06:00 and 22:55 local, on five-minute marks like a timetable.
    private static TimeOnly DepartureTime(DeterministicRandom random) => new(random.Next(6, 23), random.Next(12) * 5);

    private static Itinerary Fly(RoutePlan plan, DateOnly date, TimeOnly localDeparture, DeterministicRandom random, DateTimeOffset? notBefore)
    {
        var first = Airport(plan.Stops[0]);
        var departure = TimeZones.At(date, localDeparture, first.TimeZone);
        if (notBefore is { } earliest && departure < earliest)
        {
            // A same-day return cannot leave before the outbound lands: the next five-minute mark after the turnaround.
            var minutes = (long)Math.Ceiling((earliest - departure).TotalMinutes / 5) * 5;
            departure = departure.AddMinutes(minutes);
        }

        var segments = new FlightSegment[plan.Stops.Count - 1];
        var leaves = departure;
        for (var i = 0; i < segments.Length; i++)
        {
            var from = Airport(plan.Stops[i]);
            var to = Airport(plan.Stops[i + 1]);
            var minutes = FlightMinutes(GreatCircle.Kilometres(from, to));
            var lands = leaves.AddMinutes(minutes);
            segments[i] = new FlightSegment(
                FlightNumber(plan.Carriers[i], from, to, TimeZones.ToLocal(leaves, from.TimeZone)),
                plan.Carriers[i],
                from.Code,
                to.Code,
                TimeZones.ToLocal(leaves, from.TimeZone),
                TimeZones.ToLocal(lands, to.TimeZone));
            // At least 45 minutes to connect, up to about three hours.
            leaves = lands.AddMinutes(MinConnectionMinutes + (15 * random.Next(0, 10)));
        }

        var duration = (int)(segments[^1].Arrival - segments[0].Departure).TotalMinutes;
        return new Itinerary(segments, duration, segments.Length - 1);
    }

    // ~800 km/h cruise plus half an hour of taxi, climb and approach, rounded up to five minutes.
    internal static int FlightMinutes(double kilometres) =>
        (int)Math.Ceiling(((kilometres / CruiseKmPerHour * 60) + TaxiAndClimbMinutes) / 5) * 5;

    // The same carrier, city pair and hour is the same flight in every search, as on a real timetable.
    private static string FlightNumber(string carrier, Airport from, Airport to, DateTimeOffset localDeparture) =>
        Invariant($"{carrier}{10 + (StableHash.Of(Invariant($"{carrier}|{from.Code}|{to.Code}|{localDeparture.Hour}")) % 9_990)}");

    // Connecting itineraries are discounted (8 % per connection), as they sell against non-stops.
    private static double Fare(Itinerary itinerary, DateOnly date)
    {
        var kilometres = GreatCircle.Kilometres(Airport(itinerary.Segments[0].From), Airport(itinerary.Segments[^1].To));
        var flown = itinerary.Segments.Sum(s => GreatCircle.Kilometres(Airport(s.From), Airport(s.To)));
        return BaseFare(Math.Max(kilometres, flown * 0.9)) * (1 - (0.08 * itinerary.Connections)) *
               DemandCalendar.Season(date) * DemandCalendar.FlightDay(date);
    }

    private static string Key(int seed, Itinerary outbound, Itinerary? inbound)
    {
        var parts = outbound.Segments.Concat(inbound?.Segments ?? []).Select(s => Invariant($"{s.FlightNumber}@{s.Departure:yyyy-MM-ddTHH:mmzzz}"));
        return Invariant($"{seed}|{string.Join('|', parts)}");
    }

    private static Airport Airport(string code) => SupplierCatalog.TryGetAirport(code, out var airport)
        ? airport
        : throw new InvalidOperationException($"{code} is not an airport of the catalogue.");
}

using Strata;
using Strata.Policies.Adjusters;
using TravelDesk.Search;
using TravelDesk.Supplier;
using TravelDesk.Supplier.Contracts;

namespace TravelDesk.Caching;

/// <summary>
/// The dynamic parts of TripSage's TTL rules (the base durations are in appsettings.json, <c>Strata:Policies</c>):
/// flights near departure change fast, so their results live shorter; far-off ones longer; empty results briefly.
/// </summary>
internal static class TravelPolicies
{
    public static IStrataBuilder WithTravelAdjusters(this IStrataBuilder strata) => strata
        .WithDurationAdjuster("FLIGHT_SEARCH", new DateProximityAdjuster<SupplierCall<FlightSearchQuery, FlightSearchResponse>>(
            static s => Midnight(s.Query.Departure),
            [
                DateProximityRule.Within(TimeSpan.FromDays(1), DurationAdjustment.AtMost(TimeSpan.FromMinutes(2))),
                DateProximityRule.Within(TimeSpan.FromDays(3), DurationAdjustment.Multiply(0.5)),
                DateProximityRule.Within(TimeSpan.FromDays(7), DurationAdjustment.Multiply(0.75)),
                DateProximityRule.Beyond(TimeSpan.FromDays(90), DurationAdjustment.Multiply(1.5)),
            ]))
        .WithDurationAdjuster("FLIGHT_SEARCH", new ResultCountAdjuster<FlightSearchResponse>(
            static r => r.Offers.Count,
            [ResultCountRule.FewerThan(1, DurationAdjustment.AtMost(TimeSpan.FromMinutes(1)))]))
        .WithDurationAdjuster("HOTEL_SEARCH", new DateProximityAdjuster<SupplierCall<HotelSearchQuery, HotelSearchResponse>>(
            static s => Midnight(s.Query.CheckIn),
            [
                DateProximityRule.Within(TimeSpan.FromDays(7), DurationAdjustment.Multiply(0.6)),
                DateProximityRule.Within(TimeSpan.FromDays(14), DurationAdjustment.Multiply(0.8)),
                DateProximityRule.Beyond(TimeSpan.FromDays(60), DurationAdjustment.Multiply(1.3)),
            ]))
        .WithDurationAdjuster("HOTEL_SEARCH", new ResultCountAdjuster<HotelSearchResponse>(
            static r => r.Hotels.Count,
            [ResultCountRule.FewerThan(1, DurationAdjustment.AtMost(TimeSpan.FromMinutes(2)))]));

    private static DateTimeOffset Midnight(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}

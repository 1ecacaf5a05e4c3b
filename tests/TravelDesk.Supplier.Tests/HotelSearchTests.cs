using Strata.Testing;
using TravelDesk.Supplier.Contracts;

namespace TravelDesk.Supplier.Tests;

public sealed class HotelSearchTests
{
    private readonly ManualTimeProvider _clock = new();

    [Fact]
    public async Task Search_SameCityOtherStays_SameHotels()
    {
        await using var host = await SupplierHost.StartAsync(time: _clock);

        var december = (await host.GetAsync<HotelSearchResponse>("/hotels/search?city=LON&checkIn=2026-12-01&checkOut=2026-12-02")).Hotels;
        var june = (await host.GetAsync<HotelSearchResponse>("/hotels/search?city=lon&checkIn=2026-06-10&checkOut=2026-06-15&guests=2")).Hotels;

        december.Count.ShouldBeInRange(1, 30);
        var common = december.Join(june, a => a.HotelId, b => b.HotelId, (a, b) => (a, b)).ToList();
        common.ShouldNotBeEmpty();
        common.ShouldAllBe(p => p.a.Name == p.b.Name && p.a.Stars == p.b.Stars && p.a.Rating == p.b.Rating && p.a.Amenities.SequenceEqual(p.b.Amenities));
        december.ShouldAllBe(h => h.Stars >= 2 && h.Stars <= 5 && h.Rating >= 6.0 && h.Rating <= 9.8 && h.City == "LON");
    }

    [Fact]
    public async Task Search_Prices_NightlyTimesNightsTimesRooms_InTheCitysCurrency()
    {
        await using var host = await SupplierHost.StartAsync(time: _clock);

        var hotels = (await host.GetAsync<HotelSearchResponse>("/hotels/search?city=TYO&checkIn=2026-04-01&checkOut=2026-04-05&rooms=2&guests=3")).Hotels;

        hotels.ShouldNotBeEmpty();
        hotels.Select(h => h.TotalPrice.Amount).ShouldBeInOrder(SortDirection.Ascending);
        foreach (var hotel in hotels)
        {
            hotel.PricePerNight.Currency.ShouldBe("JPY");
            hotel.PricePerNight.Amount.ShouldBe(decimal.Round(hotel.PricePerNight.Amount), "the yen has no decimals");
            hotel.TotalPrice.ShouldBe(new Money(hotel.PricePerNight.Amount * 4 * 2, "JPY"));
            hotel.RoomsLeft.ShouldBeGreaterThanOrEqualTo(2);
        }
    }

    [Fact]
    public async Task Search_MoreStars_DearerOnAverage()
    {
        await using var host = await SupplierHost.StartAsync(time: _clock);

        var hotels = (await host.GetAsync<HotelSearchResponse>("/hotels/search?city=NYC&checkIn=2026-05-04&checkOut=2026-05-05")).Hotels;

        var byStars = hotels.GroupBy(h => h.Stars).ToDictionary(g => g.Key, g => g.Average(h => h.PricePerNight.Amount));
        byStars.Keys.Min().ShouldBeLessThan(byStars.Keys.Max());
        byStars[byStars.Keys.Min()].ShouldBeLessThan(byStars[byStars.Keys.Max()]);
    }

    [Fact]
    public async Task Search_MinStars_KeepsOnlyThoseHotels()
    {
        await using var host = await SupplierHost.StartAsync(time: _clock);
        var all = (await host.GetAsync<HotelSearchResponse>(Queries.Hotels(_clock))).Hotels;

        var filtered = (await host.GetAsync<HotelSearchResponse>(Queries.Hotels(_clock, "&minStars=4"))).Hotels;

        all.ShouldContain(h => h.Stars < 4);
        filtered.ShouldNotBeEmpty();
        filtered.Select(h => h.HotelId).ShouldBe(all.Where(h => h.Stars >= 4).Select(h => h.HotelId));
    }

    [Fact]
    public async Task Search_Amenities_RequiresAllOfThem()
    {
        await using var host = await SupplierHost.StartAsync(time: _clock);
        var all = (await host.GetAsync<HotelSearchResponse>(Queries.Hotels(_clock, city: "NYC"))).Hotels;

        var filtered = (await host.GetAsync<HotelSearchResponse>(Queries.Hotels(_clock, "&amenities=wifi,GYM", city: "NYC"))).Hotels;

        all.ShouldContain(h => !h.Amenities.Contains("gym"));
        filtered.ShouldNotBeEmpty();
        filtered.Select(h => h.HotelId).ShouldBe(all.Where(h => h.Amenities.Contains("wifi") && h.Amenities.Contains("gym")).Select(h => h.HotelId));
    }

    [Fact]
    public async Task Search_PeakWeekend_DearerThanOffPeakWeekday()
    {
        await using var host = await SupplierHost.StartAsync(time: _clock);

        // Both more than 120 days after the clock's 2026-01-01, so booked equally early: only the calendar differs.
        var christmas = (await host.GetAsync<HotelSearchResponse>("/hotels/search?city=PAR&checkIn=2026-12-25&checkOut=2026-12-27")).Hotels;
        var november = (await host.GetAsync<HotelSearchResponse>("/hotels/search?city=PAR&checkIn=2026-11-17&checkOut=2026-11-19")).Hotels;

        var common = christmas.Join(november, a => a.HotelId, b => b.HotelId, (a, b) => a.PricePerNight.Amount / b.PricePerNight.Amount).ToList();
        common.ShouldNotBeEmpty();
        common.Average().ShouldBeGreaterThan(1.2m);
    }
}

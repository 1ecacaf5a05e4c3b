using TravelDesk.Data.Tests.Infrastructure;

namespace TravelDesk.Data.Tests.Conformance;

public abstract partial class DatabaseConformanceTests
{
    [Fact]
    public async Task GetUserStatsAsync_MatchesTheRawUsers()
    {
        var database = await CreateSeededAsync();
        var users = await RawData.ReadTableAsync(database, "users");
        var now = Clock.GetUtcNow();

        var stats = await new StatsQueries(database).GetUserStatsAsync();

        stats.TotalUsers.ShouldBe(users.Count);
        stats.ByStatus.Values.Sum().ShouldBe(stats.TotalUsers);
        stats.ByStatus.Keys.Order().ShouldBe(["active", "inactive", "suspended"]);
        foreach (var status in UserStatus.All)
        {
            stats.ByStatus[status].ShouldBe(users.Count(u => u.String("status") == status));
        }

        stats.NewLast7Days.ShouldBe(users.Count(u => u.Timestamp("created_at") >= Timestamp(now.AddDays(-7))));
        stats.NewLast30Days.ShouldBe(users.Count(u => u.Timestamp("created_at") >= Timestamp(now.AddDays(-30))));
        stats.NewLast30Days.ShouldBeGreaterThan(0);
        stats.NewLast7Days.ShouldBeLessThanOrEqualTo(stats.NewLast30Days);
        stats.AveragePoints.ShouldBe(Math.Round(users.Average(static u => (double)u.Int("points")), 2));
        stats.TopUsers.Select(static u => u.Id).ShouldBe(
            users.OrderByDescending(static u => u.Int("points")).ThenBy(static u => u.Int("id")).Take(StatsQueries.TopCount).Select(static u => u.Int("id")));
        stats.GeneratedAt.ShouldBe(now);
    }

    [Fact]
    public async Task GetUserStatsAsync_AfterWrites_ReflectsThem()
    {
        var database = await CreateSeededAsync();
        var stats = new StatsQueries(database);
        var users = new UserStore(database);
        var before = await stats.GetUserStatsAsync();

        var created = await users.CreateUserAsync(new NewUser("fresh@example.com", "Fresh Face"));
        await users.AddPointsAsync(created.Id, before.TopUsers[0].Points + 1, "jackpot");
        await users.UpdateUserAsync(1, new UserUpdate { Status = UserStatus.Suspended });
        var after = await stats.GetUserStatsAsync();

        after.TotalUsers.ShouldBe(before.TotalUsers + 1);
        after.NewLast7Days.ShouldBe(before.NewLast7Days + 1);
        after.TopUsers[0].Id.ShouldBe(created.Id);
        after.ByStatus.Values.Sum().ShouldBe(after.TotalUsers);
    }

    [Fact]
    public async Task GetDashboardStatsAsync_MatchesTheRawTables()
    {
        var database = await CreateSeededAsync();
        var model = await ReferenceModel.LoadAsync(database);
        var in30 = Today.AddDays(30);
        var upcoming = model.Occurrences.Where(o => o.Date("start_date") >= Today).ToList();
        var live = upcoming.Where(static o => o.String("status") != OccurrenceStatus.Cancelled).ToList();
        var locationOf = model.Templates.ToDictionary(static t => t.Int("id"), static t => t.Int("location_id"));

        var stats = await new StatsQueries(database).GetDashboardStatsAsync();

        stats.UsersTotal.ShouldBe(model.Users.Count);
        stats.UsersActive.ShouldBe(model.Users.Count(static u => u.String("status") == UserStatus.Active));
        stats.TemplatesTotal.ShouldBe(SmallSeed);
        stats.OccurrencesUpcoming.ShouldBe(upcoming.Count);
        stats.OccurrencesOpen.ShouldBe(upcoming.Count(static o => o.String("status") == OccurrenceStatus.Open));
        stats.OccurrencesFull.ShouldBe(upcoming.Count(static o => o.String("status") == OccurrenceStatus.Full));
        stats.OccurrencesOpen.ShouldBeGreaterThan(0);
        stats.OccurrencesFull.ShouldBeGreaterThan(0);
        stats.SeatsBookedNext30Days.ShouldBe(live.Where(o => o.Date("start_date") <= in30).Sum(static o => o.Int("booked")));
        stats.SeatCapacityNext30Days.ShouldBe(live.Where(o => o.Date("start_date") <= in30).Sum(static o => o.Int("capacity")));
        stats.SeatCapacityNext30Days.ShouldBeGreaterThanOrEqualTo(stats.SeatsBookedNext30Days);
        stats.BookingsRevenueEstimate.ShouldBe(live.Sum(static o => o.Int("booked") * o.Long("price_cents")) / 100m);
        stats.AverageReviewRating.ShouldBe(Math.Round(model.Reviews.Average(static r => (double)r.Int("rating")), 2));
        var expectedTop = live
            .GroupBy(o => locationOf[o.Int("template_id")])
            .Select(static g => (LocationId: g.Key, Count: g.Count()))
            .OrderByDescending(static g => g.Count).ThenBy(static g => g.LocationId)
            .Take(StatsQueries.TopCount)
            .ToList();
        stats.TopLocations.Select(static l => (l.LocationId, l.UpcomingDepartures)).ShouldBe(expectedTop);
        stats.TopLocations[0].Name.ShouldBe(model.Locations.Single(l => l.Int("id") == expectedTop[0].LocationId).String("name"));
    }

    [Fact]
    public async Task GetDashboardStatsAsync_AfterAnOccurrenceUpdate_ReflectsIt()
    {
        var database = await CreateSeededAsync();
        var stats = new StatsQueries(database);
        var occurrence = (await RawData.ReadTableAsync(database, "occurrences")).First(static o => o.String("status") == OccurrenceStatus.Open);
        var before = await stats.GetDashboardStatsAsync();

        await new TemplateStore(database).UpdateOccurrenceAsync(occurrence.Int("id"), new OccurrenceUpdate { Status = OccurrenceStatus.Cancelled });
        var after = await stats.GetDashboardStatsAsync();

        after.OccurrencesOpen.ShouldBe(before.OccurrencesOpen - 1);
        after.OccurrencesUpcoming.ShouldBe(before.OccurrencesUpcoming);
        after.BookingsRevenueEstimate.ShouldBe(before.BookingsRevenueEstimate - (occurrence.Int("booked") * occurrence.Long("price_cents") / 100m));
    }
}

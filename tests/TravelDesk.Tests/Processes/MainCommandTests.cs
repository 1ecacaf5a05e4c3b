using System.Net;
using TravelDesk.Tests.Infrastructure;

namespace TravelDesk.Tests.Processes;

/// <summary>
/// What a newcomer runs: the built service, started from an empty folder with no configuration of its own, answers
/// every endpoint; started again in that folder, it reuses the database it created.
/// </summary>
public sealed class MainCommandTests : IAsyncLifetime
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("traveldesk-main-");

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Starts_from_an_empty_folder_answers_every_endpoint_and_reuses_its_database_on_the_next_start()
    {
        // Only the port and a zero error rate (the simulated supplier otherwise fails 2 % of calls at random; failures
        // have their own tests). The supplier's default latency stays on.
        string[] settings = ["--Supplier:ErrorRate=0"];
        int createdId;
        var (first, client) = await TravelDeskProcesses.StartTravelDeskAsync(_directory.FullName, settings);
        await using (first)
        using (client)
        {
            first.OutputContains("Admin key:").ShouldBeTrue(first.RecentOutput);
            first.OutputContains("/cache/dashboard").ShouldBeTrue(first.RecentOutput);
            File.Exists(Path.Combine(_directory.FullName, "traveldesk.db")).ShouldBeTrue();

            string[] gets =
            [
                $"api/flights/search?origin=LAX&destination=JFK&departure={TravelDates.InDays(30)}&return={TravelDates.InDays(37)}&adults=2&children=1&cabin=business&maxConnections=1",
                $"api/hotels/search?city=PAR&checkIn={TravelDates.InDays(30)}&checkOut={TravelDates.InDays(33)}&guests=2",
                $"api/activities/search?city=PAR&date={TravelDates.InDays(31)}",
                "api/weather/PAR", "api/rates/USD/EUR", "api/airports/JFK",
                "api/locations", "api/trip-types", "api/tags", "api/guides", "api/companies", "api/templates/1",
                "api/users/1", "api/users?page=1", "api/stats/users", "api/stats/dashboard", "api/quota",
                "openapi/v1.json", "health/live", "health/ready", "metrics", "cache/dashboard",
            ];
            foreach (var url in gets)
            {
                using var response = await client.GetAsync(url);
                response.StatusCode.ShouldBe(HttpStatusCode.OK, $"GET /{url}: {await response.Content.ReadAsStringAsync()}");
            }

            using var recommendations = await client.PostAsync("api/recommendations", ResponseExtensions.JsonBody("""{ "maxPrice": 4000 }"""));
            recommendations.StatusCode.ShouldBe(HttpStatusCode.OK);
            using var created = await client.PostAsync("api/users", ResponseExtensions.JsonBody("""{ "email": "first.run@example.com", "name": "First Run" }"""));
            created.StatusCode.ShouldBe(HttpStatusCode.Created);
            createdId = (await created.JsonAsync()).GetProperty("id").GetInt32();
            first.OutputContains("Created and seeded the database").ShouldBeTrue(first.RecentOutput);
            (await first.StopAsync()).ShouldBe(0, first.RecentOutput);
        }

        var (second, again) = await TravelDeskProcesses.StartTravelDeskAsync(_directory.FullName, settings);
        await using (second)
        using (again)
        {
            second.OutputContains("Reusing the existing database").ShouldBeTrue(second.RecentOutput);
            using var user = await again.GetAsync($"api/users/{createdId}");
            user.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await user.JsonAsync()).GetProperty("email").GetString().ShouldBe("first.run@example.com");
        }
    }
}

using System.Net;
using TravelDesk.Tests.Infrastructure;

namespace TravelDesk.Tests;

/// <summary>HITA: cached users and statistics, evicted by the configured route rules after writes.</summary>
public sealed class UserTests
{
    [Fact]
    public async Task Updating_a_user_evicts_its_details_the_lists_and_the_stats()
    {
        await using var host = await TravelDeskTestHost.StartAsync();
        foreach (var url in (string[])["/api/users/5", "/api/users?page=2", "/api/stats/users", "/api/stats/dashboard"])
        {
            (await host.Client.GetAsync(url)).Header("X-Cache").ShouldBe("MISS", url);
            (await host.Client.GetAsync(url)).Header("X-Cache").ShouldBe("HIT", url);
        }

        using var update = await host.Client.PutAsync("/api/users/5", ResponseExtensions.JsonBody("""{ "name": "Renamed User", "status": "suspended" }"""));
        update.StatusCode.ShouldBe(HttpStatusCode.OK);

        using var user = await host.Client.GetAsync("/api/users/5");
        user.Header("X-Cache").ShouldBe("MISS");
        (await user.JsonAsync()).GetProperty("name").GetString().ShouldBe("Renamed User");
        (await host.Client.GetAsync("/api/users?page=2")).Header("X-Cache").ShouldBe("MISS");
        (await host.Client.GetAsync("/api/stats/users")).Header("X-Cache").ShouldBe("MISS");
        (await host.Client.GetAsync("/api/stats/dashboard")).Header("X-Cache").ShouldBe("MISS");
    }

    [Fact]
    public async Task Points_change_the_user_and_its_cached_copy()
    {
        await using var host = await TravelDeskTestHost.StartAsync();
        var before = (await (await host.Client.GetAsync("/api/users/9")).JsonAsync()).GetProperty("points").GetInt32();

        using var add = await host.Client.PostAsync("/api/users/9/points", ResponseExtensions.JsonBody("""{ "points": 250, "reason": "booking" }"""));
        add.StatusCode.ShouldBe(HttpStatusCode.OK);

        (await (await host.Client.GetAsync("/api/users/9")).JsonAsync()).GetProperty("points").GetInt32().ShouldBe(before + 250);
        using var negative = await host.Client.PostAsync("/api/users/9/points", ResponseExtensions.JsonBody($$"""{ "points": {{-(before + 1000)}}, "reason": "x" }"""));
        negative.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Creating_users_counts_in_the_stats_and_a_duplicate_email_is_a_409()
    {
        await using var host = await TravelDeskTestHost.StartAsync();
        var total = (await (await host.Client.GetAsync("/api/stats/users")).JsonAsync()).GetProperty("totalUsers").GetInt32();

        using var created = await host.Client.PostAsync("/api/users", ResponseExtensions.JsonBody("""{ "email": "new.person@example.com", "name": "New Person" }"""));
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await created.JsonAsync()).GetProperty("id").GetInt32();
        created.Headers.Location!.ToString().ShouldBe($"/api/users/{id}");

        (await (await host.Client.GetAsync("/api/stats/users")).JsonAsync()).GetProperty("totalUsers").GetInt32().ShouldBe(total + 1);
        using var duplicate = await host.Client.PostAsync("/api/users", ResponseExtensions.JsonBody("""{ "email": "NEW.person@example.com", "name": "Again" }"""));
        duplicate.StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("/api/users?page=0", "page")]
    [InlineData("/api/users?pageSize=1000", "pageSize")]
    [InlineData("/api/users?page=abc", "page")]
    public async Task Bad_paging_is_a_400_naming_the_field(string url, string field)
    {
        await using var host = await TravelDeskTestHost.StartAsync();
        using var response = await host.Client.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ProblemFieldsAsync()).ShouldContain(field);
    }

    [Theory]
    [InlineData("""{ "email": "not-an-email", "name": "X" }""", "email")]
    [InlineData("""{ "email": "a@example.com" }""", "name")]
    [InlineData("""{ "email": 5, "name": "X" }""", "email")]
    public async Task Bad_new_users_are_400s_naming_the_field(string body, string field)
    {
        await using var host = await TravelDeskTestHost.StartAsync();
        using var response = await host.Client.PostAsync("/api/users", ResponseExtensions.JsonBody(body));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ProblemFieldsAsync()).ShouldContain(field);
    }
}

using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using TravelDesk.Data;
using TravelDesk.Tests.Infrastructure;

namespace TravelDesk.Tests;

/// <summary>SmartTrip: resources with HTTP caching, recommendations cached by preferences, invalidation on edits.</summary>
public sealed class ResourceTests
{
    [Theory]
    [InlineData("/api/locations")]
    [InlineData("/api/trip-types")]
    [InlineData("/api/tags")]
    [InlineData("/api/guides")]
    [InlineData("/api/companies")]
    public async Task Resource_lists_are_http_cached_with_an_etag_and_answer_304(string url)
    {
        await using var host = await TravelDeskTestHost.StartAsync();
        var database = host.App.Services.GetRequiredService<TravelDeskDatabase>();

        using var first = await host.Client.GetAsync(url);
        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await first.JsonAsync()).GetArrayLength().ShouldBeGreaterThan(0);
        var etag = first.Headers.ETag.ShouldNotBeNull();
        first.Headers.CacheControl!.MaxAge.ShouldBe(TimeSpan.FromMinutes(15));
        var queries = database.QueryCount;

        var conditional = new HttpRequestMessage(HttpMethod.Get, url);
        conditional.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(etag.Tag));
        using var notModified = await host.Client.SendAsync(conditional);
        notModified.StatusCode.ShouldBe(HttpStatusCode.NotModified);

        using var again = await host.Client.GetAsync(url);
        again.Header("X-Cache").ShouldBe("HIT");
        database.QueryCount.ShouldBe(queries);
    }

    [Fact]
    public async Task Recommendations_are_cached_by_canonical_preferences_and_evicted_when_a_departure_changes()
    {
        await using var host = await TravelDeskTestHost.StartAsync();
        var database = host.App.Services.GetRequiredService<TravelDeskDatabase>();
        const string preferences = """{ "tripTypeIds": [1, 2, 3], "maxPrice": 5000, "groupSize": 2, "limit": 5 }""";
        const string reordered = """{ "limit": 5, "groupSize": 2, "tripTypeIds": [3, 1, 2, 2], "maxPrice": 5000.00 }""";

        using var first = await host.Client.PostAsync("/api/recommendations", ResponseExtensions.JsonBody(preferences));
        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        first.CacheStatus().ShouldBe("MISS");
        var results = await first.JsonAsync();
        results.GetArrayLength().ShouldBeInRange(1, 5);
        var queries = database.QueryCount;

        using var second = await host.Client.PostAsync("/api/recommendations", ResponseExtensions.JsonBody(reordered));
        second.CacheStatus().ShouldBe("HIT");
        database.QueryCount.ShouldBe(queries);

        var templateId = results[0].GetProperty("templateId").GetInt32();
        var template = await (await host.Client.GetAsync($"/api/templates/{templateId}")).JsonAsync();
        var occurrenceId = template.GetProperty("upcomingOccurrences")[0].GetProperty("id").GetInt32();
        using var edit = await host.Client.PutAsync($"/api/occurrences/{occurrenceId}", ResponseExtensions.JsonBody("""{ "status": "cancelled" }"""));
        edit.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await edit.JsonAsync()).GetProperty("templateId").GetInt32().ShouldBe(templateId);

        using var third = await host.Client.PostAsync("/api/recommendations", ResponseExtensions.JsonBody(preferences));
        third.CacheStatus().ShouldBe("MISS");
        using var templateAgain = await host.Client.GetAsync($"/api/templates/{templateId}");
        templateAgain.Header("X-Cache").ShouldBe("MISS");
    }

    [Fact]
    public async Task Editing_a_template_is_visible_at_once_and_evicts_recommendations()
    {
        await using var host = await TravelDeskTestHost.StartAsync();
        (await host.Client.GetAsync("/api/templates/7")).Header("X-Cache").ShouldBe("MISS");
        (await host.Client.GetAsync("/api/templates/7")).Header("X-Cache").ShouldBe("HIT");
        (await host.Client.PostAsync("/api/recommendations", ResponseExtensions.JsonBody("{}"))).CacheStatus().ShouldBe("MISS");

        using var edit = await host.Client.PutAsync("/api/templates/7", ResponseExtensions.JsonBody("""{ "title": "Edited by the test" }"""));
        edit.StatusCode.ShouldBe(HttpStatusCode.OK);

        using var read = await host.Client.GetAsync("/api/templates/7");
        read.Header("X-Cache").ShouldBe("MISS");
        (await read.JsonAsync()).GetProperty("title").GetString().ShouldBe("Edited by the test");
        (await host.Client.PostAsync("/api/recommendations", ResponseExtensions.JsonBody("{}"))).CacheStatus().ShouldBe("MISS");
    }

    [Theory]
    [InlineData("""{ "maxPrice": "cheap" }""", "maxPrice")]
    [InlineData("""{ "maxPrise": 100 }""", "maxPrise")]
    [InlineData("""{ "limit": 500 }""", "limit")]
    [InlineData("""{ "tagIds": [1, "x"] }""", "tagIds[1]")]
    [InlineData("""{ "groupSize": 2,""", "body")]
    [InlineData("""{ "startAfter": "2027-05-01", "startBefore": "2027-01-01" }""", "startAfter")]
    public async Task Malformed_or_invalid_preferences_are_a_400_naming_the_field_and_run_no_query(string body, string field)
    {
        await using var host = await TravelDeskTestHost.StartAsync();
        var database = host.App.Services.GetRequiredService<TravelDeskDatabase>();
        var queries = database.QueryCount;

        using var response = await host.Client.PostAsync("/api/recommendations", ResponseExtensions.JsonBody(body));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ProblemFieldsAsync()).ShouldContain(field);
        database.QueryCount.ShouldBe(queries);
    }

    [Fact]
    public async Task Unknown_templates_and_departures_are_404s()
    {
        await using var host = await TravelDeskTestHost.StartAsync();
        (await host.Client.GetAsync("/api/templates/999999")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await host.Client.PutAsync("/api/templates/999999", ResponseExtensions.JsonBody("""{ "title": "x" }"""))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await host.Client.PutAsync("/api/occurrences/999999", ResponseExtensions.JsonBody("""{ "price": 10 }"""))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}

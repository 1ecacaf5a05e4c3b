using Microsoft.AspNetCore.Builder;

namespace Strata.AspNetCore.Tests.ResponseCaching;

/// <summary>Tags with route-value placeholders, invalidated through the engine.</summary>
public sealed class ResponseCachingTagTests
{
    [Fact]
    public async Task RemoveByTagAsync_TripOne_EvictsOnlyTripOne()
    {
        var calls = new EndpointCalls();
        await using var app = await ResponseCacheTestApp.StartAsync(
            e => e.MapGet("/trips/{id}", (string id) => $"trip {id} #{calls.Next()}").CacheResponse(p =>
            {
                p.Tags.Add("trips");
                p.Tags.Add("trip:{id}");
            }));
        await app.FetchAsync("/trips/1");
        await app.FetchAsync("/trips/2");

        await app.Cache.RemoveByTagAsync("trip:1");
        var one = await app.FetchAsync("/trips/1");
        var two = await app.FetchAsync("/trips/2");

        one.ShouldBe((200, "MISS", "trip 1 #3"));
        two.ShouldBe((200, "HIT", "trip 2 #2"));
    }

    [Fact]
    public async Task RemoveByTagAsync_StaticTag_EvictsEveryEntryOfTheEndpoint()
    {
        var calls = new EndpointCalls();
        await using var app = await ResponseCacheTestApp.StartAsync(
            e => e.MapGet("/trips/{id}", (string id) => $"trip {id} #{calls.Next()}").CacheResponse(p => p.Tags.Add("trips")));
        await app.FetchAsync("/trips/1");
        await app.FetchAsync("/trips/2");

        await app.Cache.RemoveByTagAsync("trips");
        var one = await app.FetchAsync("/trips/1");
        var two = await app.FetchAsync("/trips/2");

        one.XCache.ShouldBe("MISS");
        two.XCache.ShouldBe("MISS");
        calls.Count.ShouldBe(4);
    }

    [Fact]
    public async Task RemoveByTagAsync_EntryStoredByNoCacheRevalidation_CarriesTheTags()
    {
        var calls = new EndpointCalls();
        await using var app = await ResponseCacheTestApp.StartAsync(
            e => e.MapGet("/trips/{id}", (string id) => $"trip {id} #{calls.Next()}").CacheResponse(p => p.Tags.Add("trip:{id}")));
        await app.FetchAsync("/trips/1", ResponseCacheTestApp.NoCache);
        (await app.FetchAsync("/trips/1")).XCache.ShouldBe("HIT");

        await app.Cache.RemoveByTagAsync("trip:1");

        (await app.FetchAsync("/trips/1")).ShouldBe((200, "MISS", "trip 1 #2"));
    }
}

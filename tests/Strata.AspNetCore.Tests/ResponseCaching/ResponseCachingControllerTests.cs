using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Strata.AspNetCore.Tests.ResponseCaching;

/// <summary>Controllers use the same metadata through <see cref="CacheResponseAttribute"/>.</summary>
public sealed class ResponseCachingControllerTests
{
    [Fact]
    public async Task Get_ControllerActionWithAttribute_CachedTaggedAndVaried()
    {
        TripsController.Reset();
        await using var app = await StartAsync();

        using var miss = await app.GetAsync("/response-caching/trips/1");
        var hit = await app.FetchAsync("/response-caching/trips/1");
        await app.FetchAsync("/response-caching/trips/2");
        await app.Cache.RemoveByTagAsync("trip:1");
        var afterInvalidation = await app.FetchAsync("/response-caching/trips/1");
        var two = await app.FetchAsync("/response-caching/trips/2");

        ResponseCacheTestApp.XCache(miss).ShouldBe("MISS");
        ResponseCacheTestApp.Header(miss, "Cache-Control").ShouldBe("public, max-age=120");
        ResponseCacheTestApp.Header(miss, "Vary").ShouldBe("Accept-Language");
        (await miss.Content.ReadAsStringAsync()).ShouldBe("{\"id\":\"1\",\"call\":1}");
        hit.ShouldBe((200, "HIT", "{\"id\":\"1\",\"call\":1}"));
        afterInvalidation.ShouldBe((200, "MISS", "{\"id\":\"1\",\"call\":3}"));
        two.ShouldBe((200, "HIT", "{\"id\":\"2\",\"call\":2}"));
    }

    [Fact]
    public async Task Get_ControllerLevelAttribute_AppliesToEveryAction()
    {
        TripsController.Reset();
        await using var app = await StartAsync();

        var first = await app.FetchAsync("/response-caching/trips");
        var second = await app.FetchAsync("/response-caching/trips");

        first.ShouldBe((200, "MISS", "list #1"));
        second.ShouldBe((200, "HIT", "list #1"));
    }

    private static Task<ResponseCacheTestApp> StartAsync() =>
        ResponseCacheTestApp.StartAsync(
            e => e.MapControllers(),
            o => o.AddPolicy("trips", p => p.Duration = TimeSpan.FromMinutes(2)),
            s => s.AddControllers().AddApplicationPart(typeof(TripsController).Assembly));
}

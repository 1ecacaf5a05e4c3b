using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Strata.AspNetCore.Invalidation;

namespace Strata.AspNetCore.Tests.Invalidation;

/// <summary>
/// End to end through TestHost: endpoint metadata (conventions and the attributes) invalidates tags and namespaces
/// after 2xx responses only, with route values in placeholders, before the client sees the response.
/// </summary>
public sealed class InvalidationMiddlewareTests : IAsyncLifetime
{
    private readonly TaskCompletionSource _streamGate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IHost _host = null!;
    private HttpClient _client = null!;
    private StrataCache _cache = null!;

    public async Task InitializeAsync()
    {
        _host = await InvalidationApp.StartAsync(Map);
        _client = _host.GetTestClient();
        _cache = _host.Cache();
    }

    public async Task DisposeAsync()
    {
        _streamGate.TrySetResult();
        _client.Dispose();
        await _host.StopAsync();
        _host.Dispose();
    }

    [Fact]
    public async Task PutTrip_Answers200_EvictsThatTripOnly()
    {
        await _cache.SeedAsync("trip:7");
        await _cache.SeedAsync("trip:8");
        await _cache.SeedAsync("trips");

        using var response = await _client.PutAsync("/trips/7", null);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _cache.HasAsync("trip:7")).ShouldBeFalse();
        (await _cache.HasAsync("trips")).ShouldBeFalse();
        (await _cache.HasAsync("trip:8")).ShouldBeTrue();
    }

    [Theory]
    [InlineData(201)]
    [InlineData(204)]
    public async Task PutTrip_AnyOther2xx_Evicts(int status)
    {
        await _cache.SeedAsync("trip:7");

        using var response = await _client.PutAsync($"/trips/7?status={status}", null);

        ((int)response.StatusCode).ShouldBe(status);
        (await _cache.HasAsync("trip:7")).ShouldBeFalse();
    }

    [Theory]
    [InlineData(302)]
    [InlineData(304)]
    [InlineData(400)]
    [InlineData(404)]
    [InlineData(409)]
    [InlineData(500)]
    [InlineData(503)]
    public async Task PutTrip_Non2xx_EvictsNothing(int status)
    {
        await _cache.SeedAsync("trip:7");
        await _cache.SeedAsync("trips");

        using var response = await _client.PutAsync($"/trips/7?status={status}", null);

        ((int)response.StatusCode).ShouldBe(status);
        (await _cache.HasAsync("trip:7")).ShouldBeTrue();
        (await _cache.HasAsync("trips")).ShouldBeTrue();
        _host.Services.GetRequiredService<InvalidationJournal>().Total.ShouldBe(0);
    }

    [Fact]
    public async Task PutTrip_EndpointThrows_EvictsNothing()
    {
        await _cache.SeedAsync("trip:7");

        using var response = await _client.PutAsync("/trips/7?fail=true", null);

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        (await _cache.HasAsync("trip:7")).ShouldBeTrue();
    }

    [Fact]
    public async Task PutTrip_EndpointThrowsAndErrorHandlerAnswers200_EvictsNothing()
    {
        using var host = await InvalidationApp.StartAsync(Map, errorStatus: 200);
        using var client = host.GetTestClient();
        var cache = host.Cache();
        await cache.SeedAsync("trip:7");

        using var response = await client.PutAsync("/trips/7?fail=true", null);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await cache.HasAsync("trip:7")).ShouldBeTrue();
        await host.StopAsync();
    }

    [Fact]
    public async Task PostRebuild_Answers200_ClearsTheNamespaceOnly()
    {
        var recommendations = _cache.Namespace("recommendations");
        var flights = _cache.Namespace("flights");
        await recommendations.SetAsync("for:ana", "cached", InvalidationApp.Long);
        await flights.SetAsync("LAX-JFK", "cached", InvalidationApp.Long);

        using var response = await _client.PostAsync("/recommendations/rebuild", null);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await recommendations.TryGetAsync<string>("for:ana")).ShouldBeNull();
        (await flights.TryGetAsync<string>("LAX-JFK")).ShouldNotBeNull();
    }

    [Fact]
    public async Task DeleteHotel_AttributeOnHandler_EvictsTagAndNamespaceFromRouteValues()
    {
        var hotels = _cache.Namespace("hotels-paris");
        await hotels.SetAsync("list", "cached", InvalidationApp.Long);
        await _cache.SeedAsync("hotel:41");
        await _cache.SeedAsync("hotel:42");

        using var response = await _client.DeleteAsync("/cities/paris/hotels/42");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _cache.HasAsync("hotel:42")).ShouldBeFalse();
        (await _cache.HasAsync("hotel:41")).ShouldBeTrue();
        (await hotels.TryGetAsync<string>("list")).ShouldBeNull();
    }

    [Fact]
    public async Task PutStream_BodyFlushedBeforeEndpointReturns_EvictedBeforeClientSeesHeaders()
    {
        await _cache.SeedAsync("stream:3");

        // The endpoint writes and flushes its body, then waits: the client has the headers while it still runs.
        using var request = new HttpRequestMessage(HttpMethod.Put, "/streams/3");
        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _cache.HasAsync("stream:3")).ShouldBeFalse();
        _streamGate.SetResult();
        (await response.Content.ReadAsStringAsync()).ShouldBe("accepted");
    }

    [Fact]
    public async Task PutTrip_Succeeds_JournalsTheInvalidationsNewestFirst()
    {
        using var first = await _client.PutAsync("/trips/7", null);
        using var second = await _client.PutAsync("/trips/8", null);

        var recent = _host.Services.GetRequiredService<InvalidationJournal>().Recent(10);

        recent.Count.ShouldBe(4);
        // A request's targets are applied together, so only the order between requests is fixed.
        recent.Take(2).Select(r => r.Target).ShouldBe(["trip:8", "trips"], ignoreOrder: true);
        recent.Skip(2).Select(r => r.Target).ShouldBe(["trip:7", "trips"], ignoreOrder: true);
        var latest = recent.First(r => r.Target == "trip:8");
        latest.Kind.ShouldBe(InvalidationKind.Tag);
        latest.Source.ShouldBe(InvalidationSource.Endpoint);
        latest.Method.ShouldBe("PUT");
        latest.Path.ShouldBe("/trips/8");
        latest.StatusCode.ShouldBe(200);
        latest.Error.ShouldBeNull();
    }

    private void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPut("/trips/{id}", (string id, int? status, bool? fail) =>
                fail == true ? throw new InvalidOperationException("boom") : Results.StatusCode(status ?? 200))
            .InvalidatesTags("trip:{id}", "trips");
        endpoints.MapPost("/recommendations/rebuild", () => Results.Ok())
            .InvalidatesNamespaces("recommendations");
        endpoints.MapDelete(
            "/cities/{city}/hotels/{id}",
            [InvalidatesTags("hotel:{id}")] [InvalidatesNamespaces("hotels-{city}")] (string city, int id) => Results.Ok());
        endpoints.MapPut("/streams/{id}", async (HttpContext context) =>
            {
                await context.Response.WriteAsync("accepted");
                await context.Response.Body.FlushAsync();
                await _streamGate.Task;
            })
            .InvalidatesTags("stream:{id}");
    }
}

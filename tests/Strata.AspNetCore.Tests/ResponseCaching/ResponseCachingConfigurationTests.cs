using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Strata.AspNetCore.Tests.ResponseCaching;

/// <summary>Bad configuration fails at startup, naming the endpoint and the problem.</summary>
public sealed class ResponseCachingConfigurationTests
{
    [Fact]
    public async Task StartAsync_UnknownPolicyName_FailsNamingPolicyAndKnownOnes()
    {
        var error = await Should.ThrowAsync<InvalidOperationException>(() => ResponseCacheTestApp.StartAsync(
            e => e.MapGet("/trips", () => "trips").CacheResponse("tirps"),
            o => o.AddPolicy("trips", _ => { }).AddPolicy("hotels", _ => { })));

        error.Message.ShouldContain("Endpoint 'HTTP: GET /trips' uses response cache policy 'tirps', which is not registered. Known policies: hotels, trips.");
    }

    [Fact]
    public async Task StartAsync_TagPlaceholderWithoutRouteValue_FailsNamingTagAndRoute()
    {
        var error = await Should.ThrowAsync<InvalidOperationException>(() => ResponseCacheTestApp.StartAsync(
            e => e.MapGet("/trips/{id}", (string id) => id).CacheResponse(p => p.Tags.Add("trip:{tripId}"))));

        error.Message.ShouldContain("Tag 'trip:{tripId}' on endpoint 'HTTP: GET /trips/{id}' reads route value 'tripId', but the route '/trips/{id}' has no such parameter.");
    }

    [Fact]
    public async Task StartAsync_VaryByUnknownRouteValue_Fails()
    {
        var error = await Should.ThrowAsync<InvalidOperationException>(() => ResponseCacheTestApp.StartAsync(
            e => e.MapGet("/trips/{id}", (string id) => id).CacheResponse(p => p.VaryByRouteValues.Add("slug"))));

        error.Message.ShouldContain("varies its cached responses by route value 'slug', but the route '/trips/{id}' has no such value.");
    }

    [Fact]
    public async Task StartAsync_SeveralBadEndpoints_ListsEveryProblem()
    {
        var error = await Should.ThrowAsync<InvalidOperationException>(() => ResponseCacheTestApp.StartAsync(e =>
        {
            e.MapGet("/a", () => "a").CacheResponse("missing");
            e.MapGet("/b", () => "b").CacheResponse(p => p.Duration = TimeSpan.Zero);
        }));

        error.Message.ShouldContain("'missing'");
        error.Message.ShouldContain("Endpoint 'HTTP: GET /b': Response cache policy 'inline': Duration must be positive");
    }

    [Fact]
    public async Task StartAsync_InvalidNamedPolicy_FailsOptionsValidation()
    {
        var error = await Should.ThrowAsync<OptionsValidationException>(() => ResponseCacheTestApp.StartAsync(
            e => e.MapGet("/trips", () => "trips").CacheResponse("trips"),
            o => o.AddPolicy("trips", p => p.StatusCodes.Add(500))));

        error.Message.ShouldContain("Response cache policy 'trips': StatusCodes lists 500, which is not a cacheable status");
    }

    [Fact]
    public async Task StartAsync_InvalidNamespace_FailsOptionsValidation()
    {
        var error = await Should.ThrowAsync<OptionsValidationException>(() => ResponseCacheTestApp.StartAsync(
            e => e.MapGet("/trips", () => "trips").CacheResponse(),
            o => o.Namespace = "http responses"));

        error.Message.ShouldContain("ResponseCacheOptions.Namespace 'http responses'");
    }

    [Fact]
    public void UseStrataResponseCaching_WithoutRegistration_ThrowsClearMessage()
    {
        var services = new ServiceCollection().BuildServiceProvider();
        var app = new ApplicationBuilder(services);

        var error = Should.Throw<InvalidOperationException>(() => app.UseStrataResponseCaching());

        error.Message.ShouldContain("call services.AddStrataResponseCaching()");
    }

    [Fact]
    public async Task StartAsync_NamedPolicyAdjustedPerEndpoint_LeavesThePolicyUnchanged()
    {
        await using var app = await ResponseCacheTestApp.StartAsync(
            e =>
            {
                e.MapGet("/short", () => "short").CacheResponse("base", p => p.Duration = TimeSpan.FromSeconds(5));
                e.MapGet("/long", () => "long").CacheResponse("base");
            },
            o => o.AddPolicy("base", p => p.Duration = TimeSpan.FromMinutes(10)));

        using var shortResponse = await app.GetAsync("/short");
        using var longResponse = await app.GetAsync("/long");

        ResponseCacheTestApp.Header(shortResponse, "Cache-Control").ShouldBe("public, max-age=5");
        ResponseCacheTestApp.Header(longResponse, "Cache-Control").ShouldBe("public, max-age=600");
    }

    [Fact]
    public void AddStrataResponseCaching_WithoutAddStrata_RegistersTheCache()
    {
        using var services = new ServiceCollection().AddStrataResponseCaching().BuildServiceProvider();

        services.GetService<StrataCache>().ShouldNotBeNull();
        services.GetRequiredService<IOptions<ResponseCacheOptions>>().Value.Namespace.ShouldBe("http");
    }
}

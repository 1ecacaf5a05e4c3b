using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Strata.Redis.Tests.Infrastructure;

namespace Strata.Redis.Tests.Compatibility;

/// <summary><see cref="RedisValueFormat.PlainJson"/>: a C# service shares a Redis with services that store plain JSON
/// under <c>{namespace}:{key}</c> with SETEX, reading their values and writing values they can read.</summary>
[Collection(RedisCollection.Name)]
public sealed class PlainJsonCompatibilityTests(RedisFixture redis) : IAsyncLifetime
{
    private static readonly StrataEntryOptions TenMinutes = new() { Duration = TimeSpan.FromMinutes(10) };
    private readonly string _route = $"LAX-JFK:{Guid.NewGuid():N}";
    private ServiceProvider _provider = null!;
    private StrataCache _flights = null!;

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddStrata(o => o.KeyPrefix = "tripsage").WithRedis(o =>
        {
            o.ConnectionString = redis.ConnectionString;
            o.ValueFormat = RedisValueFormat.PlainJson;
        });
        _provider = services.BuildServiceProvider();
        await _provider.GetRequiredService<RedisDistributedTier>().WhenCoherentAsync();
        _flights = _provider.GetRequiredService<StrataCache>().Namespace("flights");
    }

    public async Task DisposeAsync() => await _provider.DisposeAsync();

    [Fact]
    public async Task GetOrCreateAsync_ValueWrittenWithRedisCliSetex_IsReadWithoutRunningTheFactory()
    {
        await redis.Server.CliAsync("SETEX", $"tripsage:flights:search:{_route}", "600", """{"price":420.5,"airline":"DL","stops":0}""");
        var calls = 0;

        var result = await _flights.GetOrCreateEntryAsync($"search:{_route}", 0, (_, _) =>
        {
            calls++;
            return ValueTask.FromResult(new FlightQuote(0, "computed", 9));
        }, TenMinutes);

        result.Value.ShouldBe(new FlightQuote(420.5m, "DL", 0));
        result.Tier.ShouldBe(CacheTier.L2);
        calls.ShouldBe(0);
        // Fresh for the key's remaining TTL, not for the policy's duration.
        (result.FreshUntil - DateTimeOffset.UtcNow).ShouldBeInRange(TimeSpan.FromSeconds(590), TimeSpan.FromSeconds(601));
    }

    [Fact]
    public async Task SetAsync_Value_IsStoredAsPlainJsonWithTheFreshDurationAsTtl()
    {
        var key = $"tripsage:flights:search:{_route}";

        await _flights.SetAsync($"search:{_route}", new FlightQuote(99m, "UA", 1), new StrataEntryOptions { Duration = TimeSpan.FromMinutes(10), FailSafeMaxStale = TimeSpan.FromHours(2) });

        var stored = await redis.Client.GetAsync(key);
        stored.ShouldNotBeNull();
        JsonSerializer.Deserialize<FlightQuote>(stored, JsonSerializerOptions.Web).ShouldBe(new FlightQuote(99m, "UA", 1));
        // SETEX semantics: the fresh duration, not the fail-safe horizon (there is no metadata to carry it).
        var ttl = await redis.Client.TimeToLiveAsync(key);
        ttl.ShouldNotBeNull();
        ttl.Value.ShouldBeInRange(TimeSpan.FromSeconds(590), TimeSpan.FromMinutes(10));
    }

    [Fact]
    public async Task GetOrCreateAsync_PlainValueWithoutTtl_IsFreshForPlainValueFreshness()
    {
        await redis.Server.CliAsync("SET", $"tripsage:flights:search:{_route}", """{"price":1,"airline":"AA","stops":2}""");

        var result = await _flights.GetOrCreateEntryAsync($"search:{_route}", 0, static (_, _) => ValueTask.FromResult(new FlightQuote(0, "computed", 9)), TenMinutes);

        result.Value.Airline.ShouldBe("AA");
        (result.FreshUntil - DateTimeOffset.UtcNow).ShouldBeInRange(TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task RemoveAsync_PlainValue_IsDeletedFromRedis()
    {
        var key = $"tripsage:flights:search:{_route}";
        await redis.Server.CliAsync("SETEX", key, "600", """{"price":1,"airline":"AA","stops":2}""");

        await _flights.RemoveAsync($"search:{_route}");

        (await redis.Client.ExistsAsync(key)).ShouldBeFalse();
    }

    /// <summary>The shape the Python services store (camelCase JSON, web defaults).</summary>
    public sealed record FlightQuote(decimal Price, string Airline, int Stops);
}

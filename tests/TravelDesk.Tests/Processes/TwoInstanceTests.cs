using System.Net;
using Strata.Testing;
using TravelDesk.Tests.Infrastructure;

namespace TravelDesk.Tests.Processes;

/// <summary>
/// Two TravelDesk processes sharing a redis-server, a supplier process and a database: a write on one is seen by reads
/// on the other at once, and both count against one supplier limit.
/// </summary>
public sealed class TwoInstanceTests : IAsyncLifetime
{
    private const int SharedSearchLimit = 6;

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("traveldesk-pair-");
    private RedisServer _redis = null!;
    private DotnetAppProcess _supplier = null!;
    private HttpClient _supplierClient = null!;
    private DotnetAppProcess _processA = null!;
    private DotnetAppProcess _processB = null!;
    private HttpClient _a = null!;
    private HttpClient _b = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        var (supplier, supplierUrl) = await TravelDeskProcesses.StartSupplierAsync(_directory.FullName, "--Supplier:LatencyScale=0", "--Supplier:ErrorRate=0");
        _supplier = supplier;
        _supplierClient = new HttpClient { BaseAddress = new Uri(supplierUrl + "/") };
        string[] settings =
        [
            $"--Strata:Redis={_redis.ConnectionString}",
            $"--TravelDesk:Supplier:Url={supplierUrl}",
            $"--TravelDesk:Database:ConnectionString=Data Source={Path.Combine(_directory.FullName, "shared.db")}",
            $"--Strata:Admin:ApiKey={TravelDeskProcesses.AdminKey}",
            // One limit for both instances, kept in Redis; low so a test can exhaust it.
            $"--TravelDesk:Supplier:SearchesPerMinute={SharedSearchLimit}",
            "--TravelDesk:Supplier:MaxWait=00:00:00",
        ];
        (_processA, _a) = await TravelDeskProcesses.StartTravelDeskAsync(_directory.FullName, settings);
        (_processB, _b) = await TravelDeskProcesses.StartTravelDeskAsync(_directory.FullName, settings);
    }

    public async Task DisposeAsync()
    {
        _supplierClient?.Dispose();
        _a?.Dispose();
        _b?.Dispose();
        foreach (var process in new[] { _processA, _processB, _supplier })
        {
            if (process is not null)
            {
                await process.DisposeAsync();
            }
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        _directory.Delete(recursive: true);
    }

    [Fact]
    public async Task A_template_edit_on_one_instance_is_seen_by_the_other()
    {
        (await _b.GetAsync("api/templates/3")).Header("X-Cache").ShouldBe("MISS");
        (await _b.GetAsync("api/templates/3")).Header("X-Cache").ShouldBe("HIT");
        (await _b.PostAsync("api/recommendations", ResponseExtensions.JsonBody("{}"))).CacheStatus().ShouldBe("MISS");
        (await _b.PostAsync("api/recommendations", ResponseExtensions.JsonBody("{}"))).CacheStatus().ShouldBe("HIT");

        using var edit = await _a.PutAsync("api/templates/3", ResponseExtensions.JsonBody("""{ "title": "Changed on instance A" }"""));
        edit.StatusCode.ShouldBe(HttpStatusCode.OK);

        // B hears A's invalidation through Redis (pub/sub), a few milliseconds after A answered.
        await Eventually.UntilAsync(
            async () => (await (await _b.GetAsync("api/templates/3")).JsonAsync()).GetProperty("title").GetString(),
            title => title == "Changed on instance A",
            "instance B serving the title written on instance A");
        await Eventually.UntilAsync(
            async () => (await _b.PostAsync("api/recommendations", ResponseExtensions.JsonBody("{}"))).CacheStatus(),
            status => status == "MISS",
            "instance B recomputing recommendations after A's edit");
    }

    [Fact]
    public async Task A_user_update_through_a_configured_rule_on_one_instance_is_seen_by_the_other()
    {
        (await _b.GetAsync("api/users/11")).Header("X-Cache").ShouldBe("MISS");
        (await _b.GetAsync("api/users/11")).Header("X-Cache").ShouldBe("HIT");

        using var edit = await _a.PutAsync("api/users/11", ResponseExtensions.JsonBody("""{ "name": "Updated On A" }"""));
        edit.StatusCode.ShouldBe(HttpStatusCode.OK);

        await Eventually.UntilAsync(
            async () => (await (await _b.GetAsync("api/users/11")).JsonAsync()).GetProperty("name").GetString(),
            name => name == "Updated On A",
            "instance B serving the name written on instance A");
    }

    [Fact]
    public async Task A_search_cached_by_one_instance_is_a_hit_on_the_other_through_redis()
    {
        var url = $"api/flights/search?origin=DEN&destination=SEA&departure={TravelDates.InDays(45)}";
        (await _a.GetAsync(url)).CacheStatus().ShouldBe("MISS");
        // A answers before its L2 write finishes (the write is not on the caller's path); wait for the key in Redis.
        await Eventually.UntilAsync(
            () => _redis.CliAsync("--scan", "--pattern", "traveldesk:flights:*"),
            keys => keys.Contains("traveldesk:flights:", StringComparison.Ordinal),
            "A's search result reaching Redis");

        using var other = await _b.GetAsync(url);
        other.CacheStatus().ShouldBe("HIT");
        other.Header("X-Cache-Tier").ShouldBe("l2");
    }

    [Fact]
    public async Task Both_instances_share_one_outgoing_limit_so_the_supplier_never_sees_more_than_it()
    {
        var before = await FlightRequestsAsync();
        var admitted = 0;
        for (var day = 60; day < 70; day++)
        {
            var instance = day % 2 == 0 ? _a : _b;
            using var response = await instance.GetAsync($"api/flights/search?origin=MIA&destination=BOS&departure={TravelDates.InDays(day)}");
            response.StatusCode.ShouldBeOneOf(HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable);
            admitted += response.StatusCode == HttpStatusCode.OK ? 1 : 0;
        }

        // Per-instance limits would admit all ten (five each); the shared one admits at most six in the minute.
        admitted.ShouldBeInRange(1, SharedSearchLimit);
        (await FlightRequestsAsync() - before).ShouldBe(admitted);
        var stats = await (await _supplierClient.GetAsync("stats")).JsonAsync();
        stats.GetProperty("maxSearchesInAnyMinute").GetInt32().ShouldBeLessThanOrEqualTo(SharedSearchLimit);
        stats.GetProperty("operations").EnumerateArray().Sum(o => o.GetProperty("rateLimited").GetInt64()).ShouldBe(0);
    }

    private async Task<long> FlightRequestsAsync()
    {
        var stats = await (await _supplierClient.GetAsync("stats")).JsonAsync();
        return stats.GetProperty("operations").EnumerateArray()
            .Single(o => o.GetProperty("operation").GetString() == "flights").GetProperty("requests").GetInt64();
    }
}

using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Strata.Testing;
using TravelDesk.Supplier.Contracts;

namespace TravelDesk.Supplier.Tests;

public sealed class RateLimitTests
{
    private readonly ManualTimeProvider _clock = new();

    [Fact]
    public async Task Searches_120ThenRejected_RetryAfterCountsDown_AdmittedWhenTheWindowSlides()
    {
        await using var host = await SupplierHost.StartAsync(time: _clock);

        // Every kind of search shares the one limit.
        for (var i = 0; i < 120; i++)
        {
            (await SearchAsync(host, i)).StatusCode.ShouldBe(HttpStatusCode.OK, $"search {i + 1}");
        }

        using (var rejected = await SearchAsync(host, 0))
        {
            rejected.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
            rejected.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(60));
            var problem = await rejected.Content.ReadFromJsonAsync<ProblemDetails>();
            problem!.Title.ShouldBe("Too many searches");
            problem.Detail!.ShouldContain("120");
        }

        _clock.Advance(TimeSpan.FromMilliseconds(30_250));
        using (var stillRejected = await SearchAsync(host, 1))
        {
            stillRejected.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
            stillRejected.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(30), "29.75 s rounds up");
        }

        _clock.Advance(TimeSpan.FromMilliseconds(29_250));
        using (var almost = await SearchAsync(host, 2))
        {
            almost.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
            almost.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(1), "half a second rounds up to one");
        }

        _clock.Advance(TimeSpan.FromMilliseconds(500));
        (await SearchAsync(host, 0)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var stats = await host.StatsAsync();
        stats.SearchesPerMinute.ShouldBe(120);
        stats.MaxSearchesInAnyMinute.ShouldBe(120);
        stats.Operations.Sum(o => o.RateLimited).ShouldBe(3);
        stats.Operations.Sum(o => o.Served).ShouldBe(121);
        Row(stats, "flights").RateLimited.ShouldBe(1);
        Row(stats, "hotels").RateLimited.ShouldBe(1);
        Row(stats, "activities").RateLimited.ShouldBe(1);
    }

    [Fact]
    public async Task Searches_SpreadOverTheWindow_ExactSlidingCount_PeakNeverAboveTheLimit()
    {
        await using var host = await SupplierHost.StartAsync(o => o.SearchesPerMinute = 10, _clock);

        // 5 at 0 s, 5 at 40 s: full. At 59.9 s still full; at 60 s the first five have left, so exactly five more fit.
        await AdmitAsync(host, 5);
        _clock.Advance(TimeSpan.FromSeconds(40));
        await AdmitAsync(host, 5);
        _clock.Advance(TimeSpan.FromMilliseconds(19_900));
        (await SearchAsync(host, 0)).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        _clock.Advance(TimeSpan.FromMilliseconds(100));
        await AdmitAsync(host, 5);
        using var sixth = await SearchAsync(host, 0);

        sixth.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        sixth.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(40), "the 40 s batch leaves at 100 s");
        (await host.StatsAsync()).MaxSearchesInAnyMinute.ShouldBe(10);
    }

    [Fact]
    public async Task Lookups_AreNotLimited_AndDoNotUseSearchPermits()
    {
        await using var host = await SupplierHost.StartAsync(o => o.SearchesPerMinute = 2, _clock);

        for (var i = 0; i < 20; i++)
        {
            (await host.Client.GetAsync("/airports/LAX")).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await host.Client.GetAsync("/weather/PAR")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        await AdmitAsync(host, 2);
        (await SearchAsync(host, 0)).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task RateLimited_RunsBeforeFaults_CountsNoFailure()
    {
        await using var host = await SupplierHost.StartAsync(o => o.SearchesPerMinute = 1, _clock);
        await AdmitAsync(host, 1);
        await host.ControlAsync(new SupplierControl(null, true));

        using var response = await SearchAsync(host, 0);

        response.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        Row(await host.StatsAsync(), "flights").ShouldBe(new SupplierOperationStats("flights", 2, 1, 1, 0));
    }

    [Fact]
    public async Task StatsReset_ClearsCountersAndPeak_NotTheWindow()
    {
        await using var host = await SupplierHost.StartAsync(o => o.SearchesPerMinute = 3, _clock);
        await AdmitAsync(host, 3);

        using var reset = await host.Client.PostAsync("/stats/reset", null);
        var afterReset = await reset.Content.ReadFromJsonAsync<SupplierStats>(SupplierJson.Options);
        using var rejected = await SearchAsync(host, 0);

        afterReset!.MaxSearchesInAnyMinute.ShouldBe(0);
        afterReset.Operations.ShouldAllBe(o => o.Requests == 0 && o.Served == 0);
        rejected.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        _clock.Advance(TimeSpan.FromMinutes(1));
        await AdmitAsync(host, 1);
        (await host.StatsAsync()).MaxSearchesInAnyMinute.ShouldBe(1);
    }

    [Fact]
    public async Task ManyConcurrentSearches_ExactlyTheLimitAdmitted()
    {
        await using var host = await SupplierHost.StartAsync(o => o.SearchesPerMinute = 25, _clock);

        var responses = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => SearchAsync(host, i)));

        responses.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(25);
        responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests).ShouldBe(35);
        (await host.StatsAsync()).MaxSearchesInAnyMinute.ShouldBe(25);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    private static SupplierOperationStats Row(SupplierStats stats, string operation) => stats.Operations.Single(o => o.Operation == operation);

    private static async Task AdmitAsync(SupplierHost host, int count)
    {
        for (var i = 0; i < count; i++)
        {
            using var response = await SearchAsync(host, i);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
        }
    }

    private static Task<HttpResponseMessage> SearchAsync(SupplierHost host, int i) => host.Client.GetAsync((i % 3) switch
    {
        0 => Queries.Flights(host.Time),
        1 => Queries.Hotels(host.Time),
        _ => Queries.Activities(host.Time),
    });
}

using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Strata.Testing;
using TravelDesk.Supplier.Contracts;

namespace TravelDesk.Supplier.Tests;

public sealed class FaultTests
{
    private readonly ManualTimeProvider _clock = new();

    [Fact]
    public async Task ErrorRateZero_EveryRequestServed()
    {
        await using var host = await SupplierHost.StartAsync(o => o.ErrorRate = 0, _clock);

        var codes = await StatusesAsync(host, "/airlines", 100);

        codes.ShouldAllBe(c => c == HttpStatusCode.OK);
        (await host.StatsAsync()).Operations.Single(o => o.Operation == "airlines").ShouldBe(new SupplierOperationStats("airlines", 100, 100, 0, 0));
    }

    [Fact]
    public async Task ErrorRateOne_SetAtRunTime_EveryRequest503WithProblem_ThenBack()
    {
        await using var host = await SupplierHost.StartAsync(time: _clock);

        var control = await host.ControlAsync(new SupplierControl(1, null));
        using var failed = await host.Client.GetAsync(Queries.Flights(_clock));
        var problem = await failed.Content.ReadFromJsonAsync<ProblemDetails>();
        await host.ControlAsync(new SupplierControl(0, null));
        using var served = await host.Client.GetAsync(Queries.Flights(_clock));

        control.ShouldBe(new SupplierControl(1, false));
        failed.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        problem!.Title.ShouldBe("Supplier error");
        served.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await host.StatsAsync()).Operations.Single(o => o.Operation == "flights").ShouldBe(new SupplierOperationStats("flights", 2, 1, 0, 1));
    }

    [Fact]
    public async Task ErrorRateHalf_AboutHalfFail_SameFailuresForTheSameSeed()
    {
        await using var one = await SupplierHost.StartAsync(o => { o.ErrorRate = 0.5; o.Seed = 3; }, _clock);
        await using var two = await SupplierHost.StartAsync(o => { o.ErrorRate = 0.5; o.Seed = 3; }, _clock);

        var first = await StatusesAsync(one, "/cities", 200);
        var second = await StatusesAsync(two, "/cities", 200);

        first.Count(c => c == HttpStatusCode.ServiceUnavailable).ShouldBeInRange(70, 130);
        first.ShouldAllBe(c => c == HttpStatusCode.OK || c == HttpStatusCode.ServiceUnavailable);
        second.ShouldBe(first);
        var row = (await one.StatsAsync()).Operations.Single(o => o.Operation == "cities");
        (row.Served + row.Failed).ShouldBe(200);
        row.Failed.ShouldBe(first.Count(c => c == HttpStatusCode.ServiceUnavailable));
    }

    [Fact]
    public async Task Outage_EveryOperation503_UntilSwitchedOff_StatsStillAnswer()
    {
        await using var host = await SupplierHost.StartAsync(time: _clock);

        (await host.ControlAsync(new SupplierControl(null, true))).ShouldBe(new SupplierControl(0, true));
        var uris = new[] { Queries.Flights(_clock), Queries.Hotels(_clock), Queries.Activities(_clock), "/weather/LON", "/rates/USD/EUR", "/airports", "/airports/LAX", "/airlines", "/cities" };
        foreach (var uri in uris)
        {
            using var response = await host.Client.GetAsync(uri);
            response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, uri);
            (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Title.ShouldBe("Supplier outage");
        }

        var during = await host.StatsAsync();
        await host.ControlAsync(new SupplierControl(null, false));
        using var after = await host.Client.GetAsync("/airports/LAX");

        during.Control.Outage.ShouldBe(true);
        // Two airport requests (the list and one airport), one of everything else; all failed.
        during.Operations.ShouldAllBe(o => o.Requests == (o.Operation == "airports" ? 2 : 1) && o.Failed == o.Requests && o.Served == 0);
        after.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Outage_FromOptions_StartsFailing()
    {
        await using var host = await SupplierHost.StartAsync(o => o.Outage = true, _clock);

        using var response = await host.Client.GetAsync("/airlines");

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await host.StatsAsync()).Control.ShouldBe(new SupplierControl(0, true));
    }

    [Fact]
    public async Task Control_NullFields_LeftUnchanged()
    {
        await using var host = await SupplierHost.StartAsync(o => o.ErrorRate = 0.25, _clock);

        var unchanged = await host.ControlAsync(new SupplierControl(null, null));
        var outage = await host.ControlAsync(new SupplierControl(null, true));
        var rate = await host.ControlAsync(new SupplierControl(0.75, null));

        unchanged.ShouldBe(new SupplierControl(0.25, false));
        outage.ShouldBe(new SupplierControl(0.25, true));
        rate.ShouldBe(new SupplierControl(0.75, true));
    }

    private static async Task<List<HttpStatusCode>> StatusesAsync(SupplierHost host, string uri, int count)
    {
        var codes = new List<HttpStatusCode>(count);
        for (var i = 0; i < count; i++)
        {
            using var response = await host.Client.GetAsync(uri);
            codes.Add(response.StatusCode);
        }

        return codes;
    }
}

using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Strata.AspNetCore.Tests.ResponseCaching;

/// <summary>The requests counter and the duration histogram of meter <c>Strata.AspNetCore</c>.</summary>
public sealed class ResponseCachingMetricsTests
{
    [Fact]
    public async Task Get_MissHitAndBypass_CountedByResultAndPolicy()
    {
        await using var app = await ResponseCacheTestApp.StartAsync(
            e =>
            {
                e.MapGet("/trips", () => "trips").CacheResponse("trips");
                e.MapGet("/inline", () => "inline").CacheResponse(p => p.Duration = TimeSpan.FromSeconds(5));
            },
            o => o.AddPolicy("trips", _ => { }));
        var meterFactory = app.Services.GetRequiredService<IMeterFactory>();
        var counts = new ConcurrentDictionary<string, long>();
        var durations = new ConcurrentDictionary<string, int>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Strata.AspNetCore" && instrument.Meter.Scope == meterFactory
                && instrument.Name.StartsWith("strata.http.response_cache.", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var tagMap = tags.ToArray().ToDictionary(t => t.Key, t => t.Value?.ToString());
            counts.AddOrUpdate($"{tagMap["policy"]}:{tagMap["result"]}", value, (_, v) => v + value);
            instrument.Unit.ShouldBe("{request}");
        });
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            value.ShouldBeGreaterThanOrEqualTo(0);
            instrument.Unit.ShouldBe("s");
            var result = tags.ToArray().Single(t => t.Key == "result").Value!.ToString()!;
            durations.AddOrUpdate(result, 1, (_, v) => v + 1);
        });
        listener.Start();

        await app.FetchAsync("/trips");
        await app.FetchAsync("/trips");
        await app.FetchAsync("/trips");
        await app.FetchAsync("/trips", ResponseCacheTestApp.NoCache);
        await app.FetchAsync("/inline", r => r.Headers.Add(ResponseCacheTestApp.UserHeader, "alice"));

        counts.ShouldBe(new Dictionary<string, long> { ["trips:miss"] = 2, ["trips:hit"] = 2, ["inline:bypass"] = 1 }, ignoreOrder: true);
        durations.ShouldBe(new Dictionary<string, int> { ["miss"] = 2, ["hit"] = 2, ["bypass"] = 1 }, ignoreOrder: true);
    }
}

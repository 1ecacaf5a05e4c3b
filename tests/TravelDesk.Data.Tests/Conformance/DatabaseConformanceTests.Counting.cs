using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Strata.Testing;

namespace TravelDesk.Data.Tests.Conformance;

public abstract partial class DatabaseConformanceTests
{
    [Fact]
    public async Task QueryCount_EachQueryMethod_CountsOnePerStatement()
    {
        var database = await CreateSeededAsync();
        var resources = new ResourceQueries(database);
        var templates = new TemplateStore(database);
        var users = new UserStore(database);
        var stats = new StatsQueries(database);
        var recommendations = new RecommendationQuery(database);

        await ExpectStatementsAsync(database, 1, () => resources.GetLocationsAsync());
        await ExpectStatementsAsync(database, 1, () => resources.GetCompaniesAsync());
        await ExpectStatementsAsync(database, 3, () => templates.GetTemplateAsync(1));
        await ExpectStatementsAsync(database, 1, () => templates.GetTemplateAsync(999_999));
        await ExpectStatementsAsync(database, 2, () => templates.UpdateOccurrenceAsync(1, new OccurrenceUpdate { Price = 99m }));
        await ExpectStatementsAsync(database, 1, () => templates.UpdateTemplateAsync(1, new TemplateUpdate { Title = "Counted" }));
        await ExpectStatementsAsync(database, 1, () => recommendations.RecommendAsync(new RecommendationRequest()));
        await ExpectStatementsAsync(database, 1, () => users.GetUserAsync(1));
        await ExpectStatementsAsync(database, 2, () => users.ListUsersAsync(1, 10));
        await ExpectStatementsAsync(database, 2, () => users.AddPointsAsync(1, 5, "counted"));
        await ExpectStatementsAsync(database, 3, () => stats.GetUserStatsAsync());
        await ExpectStatementsAsync(database, 4, () => stats.GetDashboardStatsAsync());

        // Rejected before reaching the database: nothing to count.
        await ExpectStatementsAsync(database, 0, () => Should.ThrowAsync<DataValidationException>(
            () => recommendations.RecommendAsync(new RecommendationRequest { Limit = 0 })));
    }

    [Fact]
    public async Task QueriesCounter_TagsEachStatementWithTheQueryMethod()
    {
        using var meters = new TestMeterFactory();
        var database = await CreateSeededAsync(meterFactory: meters);
        var measurements = new ConcurrentQueue<(string Operation, long Value)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == meters && instrument.Name == TravelDeskDatabase.QueriesInstrumentName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "operation")
                {
                    measurements.Enqueue(((string)tag.Value!, value));
                }
            }
        });
        listener.Start();

        await new TemplateStore(database).GetTemplateAsync(2);
        await new ResourceQueries(database).GetTagsAsync();

        measurements.ShouldBe(
        [
            ("GetTemplateAsync", 1), ("GetTemplateAsync", 1), ("GetTemplateAsync", 1), ("GetTagsAsync", 1),
        ]);
    }
}

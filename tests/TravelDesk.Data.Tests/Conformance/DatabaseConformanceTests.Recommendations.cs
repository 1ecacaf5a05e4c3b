using TravelDesk.Data.Tests.Infrastructure;

namespace TravelDesk.Data.Tests.Conformance;

public abstract partial class DatabaseConformanceTests
{
    /// <summary>Enough departures (400) that every filter combination below still finds something.</summary>
    private const int RecommendationSeed = 60;

    // Requests that each exercise one or more filters; every one must return results on the seed.
    private RecommendationRequest[] FilteredRequests() =>
    [
        new() { Limit = 50 },
        new() { TagIds = [1, 5, 13], Limit = 50 },
        new() { MaxPrice = 1500m, GroupSize = 4, Limit = 50 },
        new() { StartAfter = Today.AddDays(30), StartBefore = Today.AddDays(120), Limit = 50 },
        new() { MinDurationDays = 3, MaxDurationDays = 7, MaxDifficulty = 2, Limit = 50 },
        new() { Countries = ["japan", "ITALY", "Peru", "Tanzania", "Iceland", "Mexico", "Canada", "Australia"], Limit = 50 },
        new() { TripTypeIds = [1, 2, 3], Limit = 5 },
        new() { LocationIds = [.. Enumerable.Range(1, 20)], Limit = 50 },
        new() { TagIds = [1, 4, 7, 26, 28], MaxPrice = 3000m, StartBefore = Today.AddDays(200), GroupSize = 2, Limit = 50 },
    ];

    [Fact]
    public async Task RecommendAsync_EachFilter_MatchesTheReferenceComputation()
    {
        var database = await CreateSeededAsync(RecommendationSeed);
        var model = await ReferenceModel.LoadAsync(database);
        var query = new RecommendationQuery(database);

        foreach (var request in FilteredRequests())
        {
            var expected = model.Recommend(request, Today);
            var actual = await query.RecommendAsync(request);

            expected.ShouldNotBeEmpty($"the seed should have answers for {request}");
            actual.Select(static r => r.TemplateId).ShouldBe(expected.Select(static e => e.TemplateId), $"{request}");
            for (var i = 0; i < actual.Count; i++)
            {
                actual[i].Score.ShouldBe(expected[i].Score, 0.0001);
                actual[i].FromPrice.ShouldBe(expected[i].FromPrice);
                actual[i].NextDeparture.ShouldBe(expected[i].NextDeparture);
                actual[i].MatchedTags.ShouldBe(expected[i].MatchedTags);
            }
        }
    }

    [Fact]
    public async Task RecommendAsync_Filters_HoldForEveryResult()
    {
        var database = await CreateSeededAsync(RecommendationSeed);
        var query = new RecommendationQuery(database);
        var templates = new TemplateStore(database);
        var tagNames = (await new ResourceQueries(database).GetTagsAsync()).ToDictionary(static t => t.Id, static t => t.Name);
        var request = new RecommendationRequest
        {
            TagIds = [1, 4, 7, 26, 28],
            MaxPrice = 3000m,
            StartAfter = Today.AddDays(10),
            StartBefore = Today.AddDays(200),
            GroupSize = 2,
            MaxDurationDays = 12,
            Limit = 50,
        };

        var results = await query.RecommendAsync(request);

        results.ShouldNotBeEmpty();
        foreach (var result in results)
        {
            result.FromPrice.ShouldBeLessThanOrEqualTo(3000m);
            result.NextDeparture.ShouldBeInRange(Today.AddDays(10), Today.AddDays(200));
            result.DurationDays.ShouldBeLessThanOrEqualTo(12);
            result.MatchedTags.ShouldNotBeEmpty();
            result.MatchedTags.ShouldBeSubsetOf(request.TagIds.Select(id => tagNames[id]));

            var details = (await templates.GetTemplateAsync(result.TemplateId))!;
            details.Title.ShouldBe(result.Title);
            details.Location.Name.ShouldBe(result.Location);
            details.Company.Name.ShouldBe(result.Company);
            details.ReviewCount.ShouldBe(result.ReviewCount);
            details.Tags.Select(static t => t.Name).Intersect(result.MatchedTags).Count().ShouldBe(result.MatchedTags.Count);
            details.UpcomingOccurrences.ShouldContain(o =>
                o.StartDate == result.NextDeparture && o.Status == OccurrenceStatus.Open && o.SeatsLeft >= 2 && o.Price <= 3000m);
        }

        // Best first; equal scores by template id.
        for (var i = 1; i < results.Count; i++)
        {
            var (previous, current) = (results[i - 1], results[i]);
            (previous.Score > current.Score || (previous.Score == current.Score && previous.TemplateId < current.TemplateId)).ShouldBeTrue();
        }
    }

    [Fact]
    public async Task RecommendAsync_Defaults_ReturnTenFutureDepartures()
    {
        var database = await CreateSeededAsync(RecommendationSeed);

        var results = await new RecommendationQuery(database).RecommendAsync(new RecommendationRequest());

        results.Count.ShouldBe(RecommendationRequest.DefaultLimit);
        results.ShouldAllBe(r => r.NextDeparture >= Today && r.FromPrice > 0 && r.MatchedTags.Count == 0);
    }

    [Fact]
    public async Task RecommendAsync_StartAfterInThePast_NeverReturnsPastDepartures()
    {
        var database = await CreateSeededAsync(RecommendationSeed);
        var query = new RecommendationQuery(database);
        Clock.Advance(TimeSpan.FromDays(120));

        var results = await query.RecommendAsync(new RecommendationRequest { StartAfter = Today.AddDays(-365), Limit = 50 });
        var model = await ReferenceModel.LoadAsync(database);

        results.ShouldNotBeEmpty();
        results.ShouldAllBe(r => r.NextDeparture >= Today);
        results.Select(static r => r.TemplateId).ShouldBe(model.Recommend(new RecommendationRequest { Limit = 50 }, Today).Select(static e => e.TemplateId));
    }

    [Theory]
    [InlineData("Limit")]
    [InlineData("GroupSize")]
    [InlineData("MaxPrice")]
    [InlineData("MinDurationDays")]
    [InlineData("MaxDifficulty")]
    [InlineData("StartAfter")]
    [InlineData("TagIds")]
    [InlineData("LocationIds")]
    [InlineData("Countries")]
    public async Task RecommendAsync_InvalidRequest_NamesTheField(string field)
    {
        var database = await CreateSeededAsync();
        var request = field switch
        {
            "Limit" => new RecommendationRequest { Limit = RecommendationRequest.MaxLimit + 1 },
            "GroupSize" => new RecommendationRequest { GroupSize = 0 },
            "MaxPrice" => new RecommendationRequest { MaxPrice = 0m },
            "MinDurationDays" => new RecommendationRequest { MinDurationDays = 8, MaxDurationDays = 7 },
            "MaxDifficulty" => new RecommendationRequest { MaxDifficulty = 6 },
            "StartAfter" => new RecommendationRequest { StartAfter = Today.AddDays(10), StartBefore = Today.AddDays(9) },
            "TagIds" => new RecommendationRequest { TagIds = [] },
            "LocationIds" => new RecommendationRequest { LocationIds = [1, -2] },
            _ => new RecommendationRequest { Countries = ["Japan", " "] },
        };

        var ex = await Should.ThrowAsync<DataValidationException>(() => new RecommendationQuery(database).RecommendAsync(request));

        ex.Field.ShouldBe(field);
        database.QueryCount.ShouldBe(0);
    }
}

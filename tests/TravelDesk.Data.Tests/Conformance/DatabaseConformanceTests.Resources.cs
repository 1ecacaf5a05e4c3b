namespace TravelDesk.Data.Tests.Conformance;

public abstract partial class DatabaseConformanceTests
{
    [Fact]
    public async Task GetLocationsAsync_ReturnsTheFortyRealDestinations()
    {
        var locations = await new ResourceQueries(await CreateSeededAsync()).GetLocationsAsync();

        locations.Count.ShouldBe(40);
        locations.Select(static l => l.Id).ShouldBe(Enumerable.Range(1, 40));
        locations[0].ShouldBe(new Location(1, "Reykjavik", "Iceland", "Europe", 64.1466, -21.9426));
        locations.ShouldContain(static l => l.Name == "Kyoto" && l.Country == "Japan" && l.Region == "Asia");
        locations.ShouldAllBe(static l => l.Latitude >= -90 && l.Latitude <= 90 && l.Longitude >= -180 && l.Longitude <= 180);
        locations.Select(static l => l.Name).Distinct().Count().ShouldBe(40);
    }

    [Fact]
    public async Task GetTripTypesAsync_ReturnsTheEightTypes()
    {
        var types = await new ResourceQueries(await CreateSeededAsync()).GetTripTypesAsync();

        types.Select(static t => t.Slug).ShouldBe(["adventure", "cultural", "beach", "city-break", "wildlife", "culinary", "wellness", "family"]);
        types[3].ShouldBe(new TripType(4, "City break", "city-break"));
    }

    [Fact]
    public async Task GetTagsAsync_ReturnsThirtyDistinctTags()
    {
        var tags = await new ResourceQueries(await CreateSeededAsync()).GetTagsAsync();

        tags.Count.ShouldBe(30);
        tags[0].ShouldBe(new Tag(1, "hiking"));
        tags.Select(static t => t.Name).Distinct().Count().ShouldBe(30);
    }

    [Fact]
    public async Task GetGuidesAsync_ReturnsGuidesWithLanguagesAndRatings()
    {
        var guides = await new ResourceQueries(await CreateSeededAsync()).GetGuidesAsync();

        guides.Count.ShouldBe(25);
        guides[0].Name.ShouldBe("Ana Ferreira");
        guides.ShouldAllBe(static g => g.Languages.Count >= 1 && g.Languages.Count <= 3 && g.Languages[0] == "en");
        guides.ShouldAllBe(static g => g.Rating >= 3.5 && g.Rating <= 5.0);
        guides.ShouldContain(static g => g.Languages.Count > 1);
    }

    [Fact]
    public async Task GetCompaniesAsync_ReturnsVerifiedAndUnverifiedCompanies()
    {
        var companies = await new ResourceQueries(await CreateSeededAsync()).GetCompaniesAsync();

        companies.Count.ShouldBe(12);
        companies[0].ShouldBe(new Company(1, "Northern Trails", "Norway", true));
        companies[3].Verified.ShouldBeFalse();
        companies.Count(static c => c.Verified).ShouldBe(8);
    }
}

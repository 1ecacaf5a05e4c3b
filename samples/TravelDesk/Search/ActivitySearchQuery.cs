using Strata.Keys;

namespace TravelDesk.Search;

/// <summary>A validated, canonical activity search.</summary>
public sealed record ActivitySearchQuery(
    [property: CacheKeyCase(KeyCase.Upper)] string City,
    DateOnly Date,
    [property: CacheKeyCase(KeyCase.Lower)] string? Category) : ISearchQuery
{
    [CacheKeyIgnore]
    public string CacheKey => CacheKeys.From("search", this);

    /// <summary>The city tag, e.g. <c>city:PAR</c>.</summary>
    [CacheKeyIgnore]
    public IReadOnlyList<string> Tags => [$"city:{City}"];
}

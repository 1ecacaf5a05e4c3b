namespace TravelDesk.Search;

/// <summary>A validated, canonical search: its cache key and the tags that evict it.</summary>
public interface ISearchQuery
{
    /// <summary>The canonical key within the search's namespace.</summary>
    string CacheKey { get; }

    /// <summary>Tags stored with the result (e.g. <c>route:LAX-JFK</c>), for eviction by route or city.</summary>
    IReadOnlyList<string> Tags { get; }
}

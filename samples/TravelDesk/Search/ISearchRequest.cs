using TravelDesk.Validation;

namespace TravelDesk.Search;

/// <summary>A search's query string as sent: validated into its canonical <typeparamref name="TQuery"/>.</summary>
internal interface ISearchRequest<TQuery>
    where TQuery : class, ISearchQuery
{
    /// <summary><c>true</c>: ask the supplier now and refresh the cached entry (X-Cache: BYPASS).</summary>
    string? SkipCache { get; }

    /// <summary>Validates and canonicalises; null with <paramref name="errors"/> filled when anything is wrong.</summary>
    TQuery? Validate(TimeProvider time, FieldErrors errors);
}

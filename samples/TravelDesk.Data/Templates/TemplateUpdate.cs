namespace TravelDesk.Data;

/// <summary>
/// Changes to a trip template; a <see langword="null"/> property leaves the value unchanged. <see cref="TagIds"/>, when
/// given, replaces the template's tags (an empty list removes them all).
/// </summary>
public sealed record TemplateUpdate
{
    /// <summary>1–200 characters.</summary>
    public string? Title { get; init; }

    /// <summary>1–4000 characters.</summary>
    public string? Description { get; init; }

    /// <summary>Greater than 0, at most two decimals.</summary>
    public decimal? BasePrice { get; init; }

    /// <summary>1–5.</summary>
    public int? Difficulty { get; init; }

    /// <summary>At most 10 existing tag ids.</summary>
    public IReadOnlyList<int>? TagIds { get; init; }
}

namespace Strata.AspNetCore.ResponseCaching;

/// <summary>One decoded query pair and its position, for sorting into the canonical order (key, then position).</summary>
internal readonly record struct QueryPair(ReadOnlyMemory<char> Name, ReadOnlyMemory<char> Value, int Index)
{
    public static int CompareOrdinal(QueryPair x, QueryPair y)
    {
        var byName = x.Name.Span.SequenceCompareTo(y.Name.Span);
        return byName != 0 ? byName : x.Index.CompareTo(y.Index);
    }

    public static int CompareIgnoreCase(QueryPair x, QueryPair y)
    {
        var byName = x.Name.Span.CompareTo(y.Name.Span, StringComparison.OrdinalIgnoreCase);
        return byName != 0 ? byName : x.Index.CompareTo(y.Index);
    }
}

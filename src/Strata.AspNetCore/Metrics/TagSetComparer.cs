namespace Strata.AspNetCore.Metrics;

/// <summary>
/// Compares tag sets regardless of tag order, and lets a series table be searched with the
/// <see cref="ReadOnlySpan{T}"/> a measurement callback receives (an alternate key), so a tag set seen before costs a
/// hash and a compare, not an allocation.
/// </summary>
internal sealed class TagSetComparer :
    IEqualityComparer<TagSet>,
    IAlternateEqualityComparer<ReadOnlySpan<KeyValuePair<string, object?>>, TagSet>
{
    public static TagSetComparer Instance { get; } = new();

    private TagSetComparer()
    {
    }

    /// <summary>Order-independent: a sum of per-tag hashes, each binding a key to its value.</summary>
    public static int Hash(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var hash = tags.Length;
        foreach (var tag in tags)
        {
            unchecked
            {
                hash += HashCode.Combine(tag.Key, tag.Value);
            }
        }

        return hash;
    }

    public bool Equals(TagSet? x, TagSet? y)
    {
        if (ReferenceEquals(x, y))
        {
            return true;
        }

        return x is not null && y is not null && x.Hash == y.Hash && Equals(x.Tags, y);
    }

    public int GetHashCode(TagSet obj) => obj.Hash;

    public bool Equals(ReadOnlySpan<KeyValuePair<string, object?>> alternate, TagSet other)
    {
        var own = other.Tags;
        if (alternate.Length != own.Length)
        {
            return false;
        }

        // Tag sets are small (a handful of tags), so a nested scan beats sorting the measurement's tags.
        foreach (var tag in alternate)
        {
            var found = false;
            foreach (var candidate in own)
            {
                if (string.Equals(tag.Key, candidate.Key, StringComparison.Ordinal))
                {
                    found = object.Equals(tag.Value, candidate.Value);
                    break;
                }
            }

            if (!found)
            {
                return false;
            }
        }

        return true;
    }

    public int GetHashCode(ReadOnlySpan<KeyValuePair<string, object?>> alternate) => Hash(alternate);

    public TagSet Create(ReadOnlySpan<KeyValuePair<string, object?>> alternate) => TagSet.Create(alternate);
}

using System.Globalization;

namespace Strata.AspNetCore.Metrics;

/// <summary>
/// The tags of one series, sorted by key so that the same tags given in any order are the same series. Built once
/// when a series is first seen; measurements find their series through <see cref="TagSetComparer"/> straight from the
/// span the instrument passed, without building one of these.
/// </summary>
internal sealed class TagSet
{
    private readonly KeyValuePair<string, object?>[] _tags;

    private TagSet(KeyValuePair<string, object?>[] tags, int hash)
    {
        _tags = tags;
        Hash = hash;
        var values = new KeyValuePair<string, string>[tags.Length];
        for (var i = 0; i < tags.Length; i++)
        {
            values[i] = new(tags[i].Key, FormatValue(tags[i].Value));
        }

        Strings = values;
    }

    public static TagSet Empty { get; } = new([], TagSetComparer.Hash([]));

    /// <summary>Sorted by key (ordinal).</summary>
    public ReadOnlySpan<KeyValuePair<string, object?>> Tags => _tags;

    /// <summary>The same tags with their values as strings (invariant culture), for labels and query filters.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Strings { get; }

    public int Hash { get; }

    public int Count => _tags.Length;

    public static TagSet Create(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty)
        {
            return Empty;
        }

        var sorted = tags.ToArray();
        Array.Sort(sorted, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return new TagSet(sorted, TagSetComparer.Hash(tags));
    }

    /// <summary>The value of <paramref name="key"/> as a string, or null when the series has no such tag.</summary>
    public string? GetString(string key)
    {
        foreach (var tag in Strings)
        {
            if (string.Equals(tag.Key, key, StringComparison.Ordinal))
            {
                return tag.Value;
            }
        }

        return null;
    }

    /// <summary>True when every filter tag is present with that value.</summary>
    public bool Matches(ReadOnlySpan<(string Key, string Value)> filter)
    {
        foreach (var wanted in filter)
        {
            if (!string.Equals(GetString(wanted.Key), wanted.Value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Tag values as OpenTelemetry exporters write them: invariant culture, booleans in lower case.</summary>
    public static string FormatValue(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}

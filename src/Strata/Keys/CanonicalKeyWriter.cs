using System.Buffers;
using System.Runtime.InteropServices;

namespace Strata.Keys;

/// <summary>
/// The canonical key encoder behind <see cref="CacheKeyBuilder"/> and <see cref="CacheKeys"/>: collects named values
/// in pooled buffers and writes <c>{operation}:{name}={value}&amp;{name}={value}...</c> with names in ordinal order.
/// A mutable struct: used through a field or a local and <see cref="Dispose"/>d once.
/// </summary>
/// <remarks>
/// Grammar (every name, value and element escaped by <see cref="KeyEscaper"/>, so the separators below only ever
/// appear as separators): a scalar is <c>name=text</c>; a collection <c>name=[a,b]</c> (a set is sorted ordinally and
/// de-duplicated; null and blank elements are skipped); a dictionary <c>name={k=v,k2=v2}</c> sorted by key (entries
/// with a null value are skipped). A parameter whose value is null is omitted, so <c>Add("x", null)</c> and not adding
/// <c>x</c> at all give the same key. Without any parameter the key is the escaped operation alone.
/// </remarks>
internal struct CanonicalKeyWriter
{
    private const int InitialEntries = 16;
    private const int InsertionSortLimit = 16;

    private KeyCharBuffer _values;
    private KeyCharBuffer _scratch;
    private KeyEntry[]? _entries;
    private int _entryCount;
    private KeySegment[]? _segments;

    public void AddOmitted(string name)
    {
        EnsureNew(name);
        Push(new KeyEntry(name, 0, -1));
    }

    public void AddScalar<T>(string name, T value, KeyCase keyCase)
    {
        EnsureNew(name);
        if (value is null)
        {
            Push(new KeyEntry(name, 0, -1));
            return;
        }

        _scratch.Clear();
        ScalarFormatter.Append(ref _scratch, value, keyCase);
        var start = _values.Length;
        KeyEscaper.AppendEscaped(ref _values, _scratch.WrittenSpan);
        Push(new KeyEntry(name, start, _values.Length - start));
    }

    public void AddSequence<T>(string name, IEnumerable<T>? values, KeyCase keyCase, bool ordered)
    {
        EnsureNew(name);
        if (values is null)
        {
            Push(new KeyEntry(name, 0, -1));
            return;
        }

        _scratch.Clear();
        var count = 0;
        switch (values)
        {
            case T[] array:
                foreach (var value in array)
                {
                    CollectElement(ref count, value, keyCase);
                }

                break;
            case List<T> list:
                foreach (var value in CollectionsMarshal.AsSpan(list))
                {
                    CollectElement(ref count, value, keyCase);
                }

                break;
            case IReadOnlyList<T> list:
                // Indexing avoids the boxed enumerator of an interface foreach.
                for (var i = 0; i < list.Count; i++)
                {
                    CollectElement(ref count, list[i], keyCase);
                }

                break;
            case HashSet<T> set:
                foreach (var value in set)
                {
                    CollectElement(ref count, value, keyCase);
                }

                break;
            default:
                foreach (var value in values)
                {
                    CollectElement(ref count, value, keyCase);
                }

                break;
        }

        WriteSequence(name, count, ordered);
    }

    public void AddSequence<T>(string name, scoped ReadOnlySpan<T> values, KeyCase keyCase, bool ordered)
    {
        EnsureNew(name);
        _scratch.Clear();
        var count = 0;
        foreach (var value in values)
        {
            CollectElement(ref count, value, keyCase);
        }

        WriteSequence(name, count, ordered);
    }

    public void AddMap<TKey, TValue>(string name, IEnumerable<KeyValuePair<TKey, TValue>>? map, KeyCase keyCase)
        where TKey : notnull
    {
        EnsureNew(name);
        if (map is null)
        {
            Push(new KeyEntry(name, 0, -1));
            return;
        }

        _scratch.Clear();
        var count = 0;
        if (map is Dictionary<TKey, TValue> dictionary)
        {
            foreach (var pair in dictionary)
            {
                CollectPair(ref count, pair, keyCase);
            }
        }
        else
        {
            foreach (var pair in map)
            {
                CollectPair(ref count, pair, keyCase);
            }
        }

        var segments = _segments.AsSpan(0, count);
        Sort(segments, new KeySegmentComparer(_scratch.Array));
        var start = _values.Length;
        _values.Append('{');
        for (var i = 0; i < segments.Length; i++)
        {
            if (i > 0)
            {
                _values.Append(',');
            }

            KeyEscaper.AppendEscaped(ref _values, _scratch.Slice(segments[i].Start, segments[i].Length));
            _values.Append('=');
            KeyEscaper.AppendEscaped(ref _values, _scratch.Slice(segments[i].ValueStart, segments[i].ValueLength));
        }

        _values.Append('}');
        Push(new KeyEntry(name, start, _values.Length - start));
    }

    /// <summary>Writes the key. <paramref name="operation"/> must already be validated as not blank.</summary>
    public string Build(string operation)
    {
        var entries = _entries.AsSpan(0, _entryCount);
        entries.Sort(static (x, y) => string.CompareOrdinal(x.Name, y.Name));

        _scratch.Clear();
        KeyEscaper.AppendEscaped(ref _scratch, operation);
        var separator = ':';
        foreach (var entry in entries)
        {
            if (entry.IsOmitted)
            {
                continue;
            }

            _scratch.Append(separator);
            separator = '&';
            KeyEscaper.AppendEscaped(ref _scratch, entry.Name);
            _scratch.Append('=');
            _scratch.Append(_values.Slice(entry.Start, entry.Length));
        }

        return new string(_scratch.WrittenSpan);
    }

    public void Dispose()
    {
        _values.Dispose();
        _scratch.Dispose();
        if (_entries is not null)
        {
            // Entries hold parameter names; clear them so the pool does not keep strings alive.
            ArrayPool<KeyEntry>.Shared.Return(_entries, clearArray: true);
            _entries = null;
        }

        if (_segments is not null)
        {
            ArrayPool<KeySegment>.Shared.Return(_segments);
            _segments = null;
        }

        _entryCount = 0;
    }

    private void CollectElement<T>(ref int count, T value, KeyCase keyCase)
    {
        if (value is null)
        {
            return;
        }

        var start = _scratch.Length;
        ScalarFormatter.Append(ref _scratch, value, keyCase);
        if (_scratch.Length == start)
        {
            // A blank element would make {""} and {} the same key; it carries no meaning, so it is skipped.
            return;
        }

        AddSegment(ref count, new KeySegment(start, _scratch.Length - start, 0, 0));
    }

    private void CollectPair<TKey, TValue>(ref int count, KeyValuePair<TKey, TValue> pair, KeyCase keyCase)
    {
        if (pair.Key is null || pair.Value is null)
        {
            return;
        }

        // Keys are identifiers chosen by the caller: trimmed like all text, but never case-folded, so two keys of one
        // dictionary cannot merge into one.
        var keyStart = _scratch.Length;
        ScalarFormatter.Append(ref _scratch, pair.Key, KeyCase.None);
        var valueStart = _scratch.Length;
        ScalarFormatter.Append(ref _scratch, pair.Value, keyCase);
        AddSegment(ref count, new KeySegment(keyStart, valueStart - keyStart, valueStart, _scratch.Length - valueStart));
    }

    private void WriteSequence(string name, int count, bool ordered)
    {
        var segments = _segments.AsSpan(0, count);
        if (!ordered)
        {
            Sort(segments, new KeySegmentComparer(_scratch.Array));
        }

        var start = _values.Length;
        _values.Append('[');
        ReadOnlySpan<char> previous = default;
        for (var i = 0; i < segments.Length; i++)
        {
            var text = _scratch.Slice(segments[i].Start, segments[i].Length);
            if (i > 0)
            {
                if (!ordered && text.SequenceEqual(previous))
                {
                    continue;
                }

                _values.Append(',');
            }

            KeyEscaper.AppendEscaped(ref _values, text);
            previous = text;
        }

        _values.Append(']');
        Push(new KeyEntry(name, start, _values.Length - start));
    }

    private static void Sort(Span<KeySegment> segments, KeySegmentComparer comparer)
    {
        // Span.Sort boxes a struct comparer and allocates a delegate; the usual handful of elements sorts in place.
        if (segments.Length > InsertionSortLimit)
        {
            segments.Sort(comparer);
            return;
        }

        for (var i = 1; i < segments.Length; i++)
        {
            var current = segments[i];
            var j = i - 1;
            while (j >= 0 && comparer.Compare(segments[j], current) > 0)
            {
                segments[j + 1] = segments[j];
                j--;
            }

            segments[j + 1] = current;
        }
    }

    private void AddSegment(ref int count, KeySegment segment)
    {
        if (_segments is null || count == _segments.Length)
        {
            var grown = ArrayPool<KeySegment>.Shared.Rent(Math.Max(InitialEntries, count * 2));
            if (_segments is not null)
            {
                _segments.AsSpan(0, count).CopyTo(grown);
                ArrayPool<KeySegment>.Shared.Return(_segments);
            }

            _segments = grown;
        }

        _segments[count++] = segment;
    }

    private readonly void EnsureNew(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        foreach (var entry in _entries.AsSpan(0, _entryCount))
        {
            if (string.Equals(entry.Name, name, StringComparison.Ordinal))
            {
                throw new ArgumentException($"The cache key parameter '{name}' was added more than once.", nameof(name));
            }
        }
    }

    private void Push(KeyEntry entry)
    {
        if (_entries is null || _entryCount == _entries.Length)
        {
            var grown = ArrayPool<KeyEntry>.Shared.Rent(Math.Max(InitialEntries, _entryCount * 2));
            if (_entries is not null)
            {
                _entries.AsSpan(0, _entryCount).CopyTo(grown);
                ArrayPool<KeyEntry>.Shared.Return(_entries, clearArray: true);
            }

            _entries = grown;
        }

        _entries[_entryCount++] = entry;
    }
}

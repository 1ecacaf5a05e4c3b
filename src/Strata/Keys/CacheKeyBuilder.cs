namespace Strata.Keys;

/// <summary>
/// Builds a canonical cache key from named parameters: the same parameters give the same key whatever the order they
/// were added in, and different parameters never give the same key.
/// </summary>
/// <remarks>
/// <para>The key is <c>{operation}:{name}={value}&amp;{name}={value}...</c> with names in ordinal order; a set is
/// <c>name=[a,b]</c>. Values are normalised: text is trimmed and optionally case-folded (<see cref="KeyCase"/>);
/// numbers use the invariant culture without trailing zeros; <see cref="bool"/> is <c>true</c>/<c>false</c>;
/// <see cref="DateOnly"/> is <c>yyyy-MM-dd</c>; <see cref="DateTime"/> and <see cref="DateTimeOffset"/> are ISO 8601
/// in UTC (an unspecified-kind <see cref="DateTime"/> counts as UTC); <see cref="TimeSpan"/> uses <c>"c"</c>;
/// <see cref="Guid"/> uses <c>"D"</c>; enums use their names; any other <see cref="IFormattable"/> uses the invariant
/// culture.</para>
/// <para>A null value omits its parameter: adding <c>("x", null)</c> gives the same key as not adding <c>x</c>. In a set,
/// null and blank elements are skipped and duplicates (after normalisation) removed.</para>
/// <para>The separators <c>% : = &amp; , [ ] { }</c>, control characters and unpaired surrogates inside names and values
/// are percent-escaped (<c>%3A</c>, <c>%uD800</c>), so no value can imitate a separator.</para>
/// <para>Values are written to pooled buffers as they are added; <see cref="Build"/> allocates the key string and
/// returns the buffers. A builder builds one key: after <see cref="Build"/> it only returns that key again. Like any
/// builder it is meant for one thread; <see cref="CacheKeys.From{T}(string, T, CacheKeyOptions?)"/> is thread-safe.</para>
/// </remarks>
/// <example>
/// <code>
/// string key = new CacheKeyBuilder("flights")
///     .Add("origin", "lax", KeyCase.Upper)
///     .Add("departure", new DateOnly(2026, 12, 1))
///     .AddSet("airlines", ["UA", "AA"])
///     .Add("adults", 2)
///     .Build();
/// // flights:adults=2&amp;airlines=[AA,UA]&amp;departure=2026-12-01&amp;origin=LAX
/// </code>
/// </example>
public sealed class CacheKeyBuilder
{
    private readonly string _operation;
    private CanonicalKeyWriter _writer;
    private string? _key;

    /// <summary>Starts a key for <paramref name="operation"/>, its first segment (e.g. <c>flights</c>).</summary>
    /// <param name="operation">What the key identifies; not empty or whitespace.</param>
    /// <exception cref="ArgumentException"><paramref name="operation"/> is null, empty or whitespace.</exception>
    public CacheKeyBuilder(string operation)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(operation);
        _operation = operation;
    }

    /// <summary>Adds a text parameter, trimmed; a null <paramref name="value"/> is omitted.</summary>
    /// <param name="name">The parameter name; unique within the key.</param>
    /// <param name="value">The value.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is blank or was already added.</exception>
    public CacheKeyBuilder Add(string name, string? value) => Add(name, value, KeyCase.None);

    /// <summary>Adds a text parameter, trimmed and case-normalised; a null <paramref name="value"/> is omitted.</summary>
    /// <param name="name">The parameter name; unique within the key.</param>
    /// <param name="value">The value.</param>
    /// <param name="keyCase">The case normalisation.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is blank or was already added.</exception>
    public CacheKeyBuilder Add(string name, string? value, KeyCase keyCase)
    {
        ThrowIfBuilt();
        ValidateCase(keyCase);
        _writer.AddScalar(name, value, keyCase);
        return this;
    }

    /// <summary>Adds a scalar parameter (number, <see cref="bool"/>, date, time, <see cref="Guid"/>, enum, or any
    /// <see cref="IFormattable"/>); a null <paramref name="value"/> is omitted.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="name">The parameter name; unique within the key.</param>
    /// <param name="value">The value.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is blank or was already added, or
    /// <typeparamref name="T"/> is not a scalar type (use <c>AddSet</c> for collections).</exception>
    public CacheKeyBuilder Add<T>(string name, T value)
    {
        ThrowIfBuilt();
        ThrowIfNotScalar<T>(nameof(value));
        _writer.AddScalar(name, value, KeyCase.None);
        return this;
    }

    /// <summary>Adds a nullable scalar parameter; a null <paramref name="value"/> is omitted.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="name">The parameter name; unique within the key.</param>
    /// <param name="value">The value.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is blank or was already added, or
    /// <typeparamref name="T"/> is not a scalar type.</exception>
    public CacheKeyBuilder Add<T>(string name, T? value)
        where T : struct
    {
        ThrowIfBuilt();
        ThrowIfNotScalar<T>(nameof(value));
        if (value.HasValue)
        {
            _writer.AddScalar(name, value.GetValueOrDefault(), KeyCase.None);
        }
        else
        {
            _writer.AddOmitted(name);
        }

        return this;
    }

    /// <summary>Adds a set of text values: trimmed, case-normalised, sorted ordinally and de-duplicated; null and blank
    /// elements are skipped.</summary>
    /// <param name="name">The parameter name; unique within the key.</param>
    /// <param name="values">The values.</param>
    /// <param name="keyCase">The case normalisation, applied before sorting.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is blank or was already added.</exception>
    public CacheKeyBuilder AddSet(string name, ReadOnlySpan<string?> values, KeyCase keyCase = KeyCase.None)
    {
        ThrowIfBuilt();
        ValidateCase(keyCase);
        _writer.AddSequence(name, values, keyCase, ordered: false);
        return this;
    }

    /// <summary>Adds a set of text values: trimmed, case-normalised, sorted ordinally and de-duplicated; null and blank
    /// elements are skipped; a null <paramref name="values"/> is omitted.</summary>
    /// <param name="name">The parameter name; unique within the key.</param>
    /// <param name="values">The values.</param>
    /// <param name="keyCase">The case normalisation, applied before sorting.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is blank or was already added.</exception>
    public CacheKeyBuilder AddSet(string name, IEnumerable<string?>? values, KeyCase keyCase = KeyCase.None)
    {
        ThrowIfBuilt();
        ValidateCase(keyCase);
        _writer.AddSequence(name, values, keyCase, ordered: false);
        return this;
    }

    /// <summary>Adds a set of scalar values, sorted ordinally by their canonical text and de-duplicated; null elements
    /// are skipped.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="name">The parameter name; unique within the key.</param>
    /// <param name="values">The values.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is blank or was already added, or
    /// <typeparamref name="T"/> is not a scalar type.</exception>
    public CacheKeyBuilder AddSet<T>(string name, ReadOnlySpan<T> values)
    {
        ThrowIfBuilt();
        ThrowIfNotScalar<T>(nameof(values));
        _writer.AddSequence(name, values, KeyCase.None, ordered: false);
        return this;
    }

    /// <summary>Adds a set of scalar values, sorted ordinally by their canonical text and de-duplicated; null elements
    /// are skipped; a null <paramref name="values"/> is omitted.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="name">The parameter name; unique within the key.</param>
    /// <param name="values">The values.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is blank or was already added, or
    /// <typeparamref name="T"/> is not a scalar type.</exception>
    public CacheKeyBuilder AddSet<T>(string name, IEnumerable<T>? values)
    {
        ThrowIfBuilt();
        ThrowIfNotScalar<T>(nameof(values));
        _writer.AddSequence(name, values, KeyCase.None, ordered: false);
        return this;
    }

    /// <summary>Returns the canonical key and releases the builder's buffers; later calls return the same key.</summary>
    /// <returns>The key, e.g. <c>flights:adults=2&amp;origin=LAX</c>.</returns>
    public string Build()
    {
        if (_key is null)
        {
            try
            {
                _key = _writer.Build(_operation);
            }
            finally
            {
                _writer.Dispose();
            }
        }

        return _key;
    }

    private void ThrowIfBuilt()
    {
        if (_key is not null)
        {
            throw new InvalidOperationException("The key was already built; start a new CacheKeyBuilder for another key.");
        }
    }

    private static void ThrowIfNotScalar<T>(string paramName)
    {
        if (!ScalarSupport<T>.IsScalar)
        {
            throw new ArgumentException(
                $"Values of type {typeof(T)} cannot be part of a cache key: use a scalar (text, number, bool, date, time, Guid, enum) or AddSet for a collection.",
                paramName);
        }
    }

    private static void ValidateCase(KeyCase keyCase)
    {
        if (keyCase is < KeyCase.None or > KeyCase.Lower)
        {
            throw new ArgumentOutOfRangeException(nameof(keyCase), keyCase, "Not a defined KeyCase.");
        }
    }
}

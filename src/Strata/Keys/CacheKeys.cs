using System.Diagnostics.CodeAnalysis;

namespace Strata.Keys;

/// <summary>Canonical cache keys from parameter objects.</summary>
public static class CacheKeys
{
    private static readonly CacheKeyOptions DefaultOptions = new();

    /// <summary>
    /// Builds the canonical key of <paramref name="parameters"/>' public readable properties, exactly as
    /// <see cref="CacheKeyBuilder"/> would from the same names and values.
    /// </summary>
    /// <remarks>
    /// <para>Properties are read through the declared type <typeparamref name="T"/> (a record, a class, a struct or an
    /// anonymous type). Scalars become values; dictionaries of scalars become <c>name={k=v,...}</c> sorted by key;
    /// other collections of scalars become sets (sorted, de-duplicated) unless marked
    /// <see cref="CacheKeyOrderedAttribute"/>; other objects are flattened under dotted names
    /// (<c>passengers.adults</c>); null values are omitted. <see cref="CacheKeyIgnoreAttribute"/>,
    /// <see cref="CacheKeyNameAttribute"/> and <see cref="CacheKeyCaseAttribute"/> (which a nested object passes on to
    /// its members) adjust a property; on a positional record, target the property: <c>[property: CacheKeyName("o")]</c>.</para>
    /// <para>The first call for a type inspects it and compiles getters; later calls use them without reflection.</para>
    /// </remarks>
    /// <typeparam name="T">The parameter type.</typeparam>
    /// <param name="operation">The key's first segment, e.g. <c>flights</c>; not empty or whitespace.</param>
    /// <param name="parameters">The parameters.</param>
    /// <param name="options">Options; null for the defaults.</param>
    /// <returns>The canonical key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> or <paramref name="operation"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="operation"/> is blank, <typeparamref name="T"/> is a scalar or
    /// a collection, or two properties map to the same parameter name.</exception>
    /// <exception cref="NotSupportedException">A property's type has no canonical form (a collection of objects, a
    /// recursive type, <see cref="object"/>).</exception>
    /// <example>
    /// <code>
    /// public sealed record FlightSearch(
    ///     [property: CacheKeyCase(KeyCase.Upper)] string Origin,
    ///     [property: CacheKeyCase(KeyCase.Upper)] string Destination,
    ///     DateOnly DepartureDate,
    ///     DateOnly? ReturnDate,
    ///     int Adults,
    ///     string[] AirlineCodes,
    ///     [property: CacheKeyIgnore] string? RequestId);
    ///
    /// var key = CacheKeys.From("flights", new FlightSearch("lax", "jfk", new(2026, 12, 1), null, 2, ["UA", "AA"], "r-1"));
    /// // flights:Adults=2&amp;AirlineCodes=[AA,UA]&amp;DepartureDate=2026-12-01&amp;Destination=JFK&amp;Origin=LAX
    /// </code>
    /// </example>
    public static string From<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] T>(
        string operation, T parameters, CacheKeyOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(operation);
        if (parameters is null)
        {
            throw new ArgumentNullException(nameof(parameters));
        }

        var members = KeyPlan<T>.Members;
        var defaultCase = (options ?? DefaultOptions).DefaultCase;
        if (defaultCase is < KeyCase.None or > KeyCase.Lower)
        {
            throw new ArgumentOutOfRangeException(nameof(options), defaultCase, "CacheKeyOptions.DefaultCase is not a defined KeyCase.");
        }

        var writer = default(CanonicalKeyWriter);
        try
        {
            foreach (var member in members)
            {
                member.Write(parameters, ref writer, defaultCase);
            }

            return writer.Build(operation);
        }
        finally
        {
            writer.Dispose();
        }
    }
}

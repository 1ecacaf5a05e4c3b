using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Strata.Keys;

/// <summary>
/// Composes full keys <c>{prefix}:{namespace}:{key}</c>, shortens those over <see cref="MaxKeyBytes"/> UTF-8 bytes to a
/// stable hash suffix, parses full keys back (for coherence messages), and validates prefixes, namespaces and keys.
/// </summary>
/// <remarks>
/// <para>A shortened key is the longest prefix of the key that fits, never splitting a surrogate pair, followed by
/// <c>~</c> and 32 lower-case hex characters: the first 16 bytes of the SHA-256 of the whole original full key's UTF-8.
/// The result is at most <see cref="MaxKeyBytes"/> bytes, the same on every process and machine, and different for
/// different long keys (up to a 128-bit hash collision).</para>
/// <para>A key that fits but already ends like a shortened key (<c>~</c> + 32 lower-case hex) is shortened too (the
/// suffix is appended after as much of it as fits), so a caller cannot forge the effective key of somebody else's long
/// key and share its entry. Hence <see cref="GetEffectiveKey"/> is applied once, to the caller's key; the keys
/// <see cref="TryParse(string, string, out string?, out string?)"/> returns are already effective.</para>
/// </remarks>
internal sealed class CacheKeyFormatter
{
    /// <summary>The default <see cref="MaxKeyBytes"/>.</summary>
    public const int DefaultMaxKeyBytes = 256;

    /// <summary>The longest prefix or namespace name.</summary>
    public const int MaxNameLength = 64;

    /// <summary>The character that starts the hash suffix of a shortened key.</summary>
    public const char HashMarker = '~';

    /// <summary>The hex characters of the hash suffix (16 bytes of SHA-256).</summary>
    public const int HashHexLength = 32;

    /// <summary>The length of the hash suffix, marker included (ASCII, so as many bytes).</summary>
    public const int HashSuffixLength = HashHexLength + 1;

    // Prefixes and full keys below this go through the stack; longer ones through the pool.
    private const int StackallocByteLimit = 512;

    private static readonly SearchValues<char> NameChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-");

    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    private static readonly SearchValues<char> ControlsAndSurrogates = SearchValues.Create(KeyEscaper.ControlsAndSurrogates());

    /// <summary>Creates a formatter for one application prefix.</summary>
    /// <param name="prefix">The application prefix; see <see cref="ValidateName"/>.</param>
    /// <param name="maxKeyBytes">The longest full key in UTF-8 bytes; at least long enough for the prefix, the longest
    /// namespace, two separators and the hash suffix.</param>
    /// <exception cref="ArgumentException"><paramref name="prefix"/> is not a valid name.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxKeyBytes"/> is too small.</exception>
    public CacheKeyFormatter(string prefix, int maxKeyBytes = DefaultMaxKeyBytes)
    {
        ValidateName(prefix, "prefix", nameof(prefix));
        var minimum = GetMinimumMaxKeyBytes(prefix);
        if (maxKeyBytes < minimum)
        {
            throw new ArgumentOutOfRangeException(
                nameof(maxKeyBytes),
                maxKeyBytes,
                $"The maximum key length must be at least {minimum} bytes with the prefix '{prefix}': the prefix, a namespace of up to {MaxNameLength} characters, two ':' and a {HashSuffixLength}-character hash suffix must fit.");
        }

        Prefix = prefix;
        MaxKeyBytes = maxKeyBytes;
    }

    /// <summary>The application prefix.</summary>
    public string Prefix { get; }

    /// <summary>The longest full key, in UTF-8 bytes.</summary>
    public int MaxKeyBytes { get; }

    /// <summary>The smallest <see cref="MaxKeyBytes"/> a formatter with <paramref name="prefix"/> accepts.</summary>
    public static int GetMinimumMaxKeyBytes(string prefix) => prefix.Length + 1 + MaxNameLength + 1 + HashSuffixLength;

    /// <summary>
    /// Returns the key to use within <paramref name="namespaceName"/>: <paramref name="key"/> itself (the same instance,
    /// nothing allocated) when its full key fits in <see cref="MaxKeyBytes"/>, otherwise its shortened form, such that
    /// <c>Compose(Prefix, namespaceName, effectiveKey)</c> is at most <see cref="MaxKeyBytes"/> bytes.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The namespace or the key is invalid.</exception>
    public string GetEffectiveKey(string namespaceName, string key)
    {
        ValidateName(namespaceName, "namespace", nameof(namespaceName));
        return GetEffectiveKeyInValidNamespace(namespaceName, key);
    }

    /// <summary><see cref="GetEffectiveKey"/> for a namespace name already validated (the engine interns its
    /// namespaces), so the hit path does not re-check it on every read.</summary>
    public string GetEffectiveKeyInValidNamespace(string namespaceName, string key)
    {
        ValidateKey(key);

        // Prefix and namespace are ASCII, so their length is their byte count.
        var fixedBytes = Prefix.Length + namespaceName.Length + 2;

        // A UTF-16 char is at most 3 UTF-8 bytes (a surrogate pair is 4 for 2 chars): the hot path needs no counting.
        var fits = (long)key.Length * 3 + fixedBytes <= MaxKeyBytes
            || fixedBytes + Encoding.UTF8.GetByteCount(key) <= MaxKeyBytes;
        return fits && !LooksShortened(key) ? key : Shorten(namespaceName, key, fixedBytes);
    }

    /// <summary>The full key of <paramref name="key"/> in <paramref name="namespaceName"/>, shortened if needed.</summary>
    public string Compose(string namespaceName, string key) => Compose(Prefix, namespaceName, GetEffectiveKey(namespaceName, key));

    /// <summary>Joins the parts of a full key as they are: <c>{prefix}:{namespace}:{key}</c>.</summary>
    public static string Compose(string prefix, string namespaceName, string key) => $"{prefix}:{namespaceName}:{key}";

    /// <summary>Splits a full key of this formatter's prefix; see <see cref="TryParse(string, string, out string?, out string?)"/>.</summary>
    public bool TryParse(
        string? fullKey, [NotNullWhen(true)] out string? namespaceName, [NotNullWhen(true)] out string? key) =>
        TryParse(fullKey, Prefix, out namespaceName, out key);

    /// <summary>
    /// Splits <c>{prefix}:{namespace}:{key}</c> into its namespace and (effective) key; false when
    /// <paramref name="fullKey"/> does not start with <paramref name="prefix"/> and <c>:</c>, or its namespace is not a
    /// valid name, or its key is empty.
    /// </summary>
    public static bool TryParse(
        string? fullKey,
        string prefix,
        [NotNullWhen(true)] out string? namespaceName,
        [NotNullWhen(true)] out string? key)
    {
        namespaceName = null;
        key = null;
        if (fullKey is null || string.IsNullOrEmpty(prefix) || fullKey.Length <= prefix.Length + 1
            || !fullKey.StartsWith(prefix, StringComparison.Ordinal) || fullKey[prefix.Length] != ':')
        {
            return false;
        }

        var rest = fullKey.AsSpan(prefix.Length + 1);
        var separator = rest.IndexOf(':');
        if (separator <= 0 || separator > MaxNameLength || separator == rest.Length - 1
            || rest[..separator].IndexOfAnyExcept(NameChars) >= 0)
        {
            return false;
        }

        namespaceName = rest[..separator].ToString();
        key = rest[(separator + 1)..].ToString();
        return true;
    }

    /// <summary>
    /// Throws unless <paramref name="value"/> is a valid prefix or namespace name: 1 to 64 characters among ASCII
    /// letters, digits, <c>_</c>, <c>.</c> and <c>-</c> (so it can never contain the <c>:</c> separator).
    /// </summary>
    /// <param name="value">The name.</param>
    /// <param name="what">What the name is, for the message (<c>prefix</c>, <c>namespace</c>).</param>
    /// <param name="paramName">The caller's parameter name.</param>
    public static void ValidateName(string? value, string what, string paramName)
    {
        if (value is null)
        {
            throw new ArgumentNullException(paramName, $"The cache {what} must not be null.");
        }

        if (value.Length == 0)
        {
            throw new ArgumentException($"The cache {what} must not be empty.", paramName);
        }

        if (value.Length > MaxNameLength)
        {
            throw new ArgumentException(
                $"The cache {what} '{value}' is {value.Length} characters long; at most {MaxNameLength} are allowed.", paramName);
        }

        var index = value.AsSpan().IndexOfAnyExcept(NameChars);
        if (index >= 0)
        {
            throw new ArgumentException(
                $"The cache {what} '{value}' contains {Describe(value[index])} at index {index}; only ASCII letters, digits, '_', '.' and '-' are allowed.",
                paramName);
        }
    }

    /// <summary>Throws unless <paramref name="key"/> is a valid key: not null, not empty or whitespace, no control
    /// characters and no unpaired surrogates (which UTF-8 cannot carry, so two such keys would meet in L2).</summary>
    /// <param name="key">The key.</param>
    /// <param name="paramName">The caller's parameter name.</param>
    public static void ValidateKey(string? key, string paramName = "key")
    {
        if (key is null)
        {
            throw new ArgumentNullException(paramName, "The cache key must not be null.");
        }

        if (string.IsNullOrWhiteSpace(key))
        {
            throw new ArgumentException("The cache key must not be empty or whitespace.", paramName);
        }

        // One vectorised pass; a hit is either a control character or (rarely) half of a well-formed pair.
        var index = key.AsSpan().IndexOfAny(ControlsAndSurrogates);
        while (index >= 0)
        {
            var c = key[index];
            if (!char.IsSurrogate(c))
            {
                throw new ArgumentException($"The cache key contains the control character {Describe(c)} at index {index}.", paramName);
            }

            if (!char.IsHighSurrogate(c) || index + 1 == key.Length || !char.IsLowSurrogate(key[index + 1]))
            {
                throw new ArgumentException($"The cache key contains an unpaired surrogate {Describe(c)} at index {index}.", paramName);
            }

            var next = key.AsSpan(index + 2).IndexOfAny(ControlsAndSurrogates);
            index = next < 0 ? -1 : index + 2 + next;
        }
    }

    private static string Describe(char c) =>
        char.IsControl(c) || char.IsSurrogate(c) ? $"U+{(int)c:X4}" : $"'{c}' (U+{(int)c:X4})";

    private static bool LooksShortened(string key) =>
        key.Length >= HashSuffixLength
        && key[^HashSuffixLength] == HashMarker
        && key.AsSpan(key.Length - HashHexLength).IndexOfAnyExcept(LowerHex) < 0;

    private string Shorten(string namespaceName, string key, int fixedBytes)
    {
        Span<char> suffix = stackalloc char[HashSuffixLength];
        suffix[0] = HashMarker;
        WriteHash(namespaceName, key, fixedBytes, suffix[1..]);

        var budget = MaxKeyBytes - fixedBytes - HashSuffixLength;
        var keep = GetFittingLength(key, budget);
        return string.Concat(key.AsSpan(0, keep), suffix);
    }

    private void WriteHash(string namespaceName, string key, int fixedBytes, Span<char> destination)
    {
        var length = fixedBytes + Encoding.UTF8.GetByteCount(key);
        byte[]? rented = null;
        var bytes = length <= StackallocByteLimit
            ? stackalloc byte[StackallocByteLimit]
            : rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var written = Encoding.UTF8.GetBytes(Prefix, bytes);
            bytes[written++] = (byte)':';
            written += Encoding.UTF8.GetBytes(namespaceName, bytes[written..]);
            bytes[written++] = (byte)':';
            written += Encoding.UTF8.GetBytes(key, bytes[written..]);

            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(bytes[..written], hash);
            Convert.TryToHexStringLower(hash[..(HashHexLength / 2)], destination, out _);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The number of leading chars of <paramref name="key"/> whose UTF-8 form fits in
    /// <paramref name="budget"/> bytes, never ending between the two halves of a surrogate pair.</summary>
    private static int GetFittingLength(string key, int budget)
    {
        var bytes = 0;
        var i = 0;
        while (i < key.Length)
        {
            var c = key[i];
            int charCount = 1, byteCount;
            if (c < '\u0080')
            {
                byteCount = 1;
            }
            else if (c < '\u0800')
            {
                byteCount = 2;
            }
            else if (char.IsHighSurrogate(c) && i + 1 < key.Length && char.IsLowSurrogate(key[i + 1]))
            {
                charCount = 2;
                byteCount = 4;
            }
            else
            {
                byteCount = 3;
            }

            if (bytes + byteCount > budget)
            {
                break;
            }

            bytes += byteCount;
            i += charCount;
        }

        return i;
    }
}

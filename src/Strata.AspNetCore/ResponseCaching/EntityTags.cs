using System.Security.Cryptography;
using Microsoft.Extensions.Primitives;

namespace Strata.AspNetCore.ResponseCaching;

/// <summary>Strong entity tags from a body hash, and <c>If-None-Match</c> evaluation (RFC 9110 §13.1.2: weak
/// comparison, a list, or <c>*</c>).</summary>
internal static class EntityTags
{
    /// <summary>A strong ETag: the first 128 bits of the body's SHA-256, as quoted lowercase hex. Equal bodies get
    /// equal tags on every node, so a revalidation that produced the same body still answers 304.</summary>
    public static string FromBody(ReadOnlySpan<byte> body)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(body, hash);
        Span<char> chars = stackalloc char[34];
        chars[0] = '"';
        Convert.TryToHexStringLower(hash[..16], chars[1..33], out _);
        chars[33] = '"';
        return new string(chars);
    }

    /// <summary>Whether <c>If-None-Match</c> matches <paramref name="etag"/>: <c>*</c>, or any listed tag equal to it
    /// once both drop a <c>W/</c> prefix.</summary>
    public static bool IfNoneMatch(StringValues header, string etag)
    {
        var target = Opaque(etag);
        foreach (var value in header)
        {
            if (value is null)
            {
                continue;
            }

            var rest = value.AsSpan();
            while (!rest.IsEmpty)
            {
                rest = rest.TrimStart(" \t,");
                if (rest.IsEmpty)
                {
                    break;
                }

                if (rest[0] == '*')
                {
                    return true;
                }

                var start = rest.StartsWith("W/", StringComparison.Ordinal) ? 2 : 0;
                if (start >= rest.Length || rest[start] != '"')
                {
                    // Not an entity tag: skip to the next list member.
                    var comma = rest.IndexOf(',');
                    rest = comma < 0 ? [] : rest[(comma + 1)..];
                    continue;
                }

                var close = rest[(start + 1)..].IndexOf('"');
                if (close < 0)
                {
                    return false;
                }

                var tag = rest.Slice(start, close + 2);
                if (tag.SequenceEqual(target))
                {
                    return true;
                }

                rest = rest[(start + close + 2)..];
            }
        }

        return false;
    }

    private static ReadOnlySpan<char> Opaque(string etag) =>
        etag.StartsWith("W/", StringComparison.Ordinal) ? etag.AsSpan(2) : etag.AsSpan();
}

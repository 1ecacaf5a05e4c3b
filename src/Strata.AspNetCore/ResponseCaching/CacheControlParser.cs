using Microsoft.Extensions.Primitives;

namespace Strata.AspNetCore.ResponseCaching;

/// <summary>Reads the directives the cache acts on from <c>Cache-Control</c> field values (RFC 9111 §5.2): names are
/// case-insensitive; arguments (<c>private="Set-Cookie"</c>, <c>no-cache="x"</c>) are ignored, which errs on the side
/// of not storing.</summary>
internal static class CacheControlParser
{
    public static CacheControlFlags Parse(StringValues values)
    {
        var flags = CacheControlFlags.None;
        foreach (var value in values)
        {
            if (value is null)
            {
                continue;
            }

            var rest = value.AsSpan();
            while (!rest.IsEmpty)
            {
                var comma = IndexOfUnquotedComma(rest);
                var directive = (comma < 0 ? rest : rest[..comma]).Trim();
                rest = comma < 0 ? [] : rest[(comma + 1)..];
                var equals = directive.IndexOf('=');
                var name = (equals < 0 ? directive : directive[..equals]).TrimEnd();
                if (name.Equals("no-cache", StringComparison.OrdinalIgnoreCase))
                {
                    flags |= CacheControlFlags.NoCache;
                }
                else if (name.Equals("no-store", StringComparison.OrdinalIgnoreCase))
                {
                    flags |= CacheControlFlags.NoStore;
                }
                else if (name.Equals("private", StringComparison.OrdinalIgnoreCase))
                {
                    flags |= CacheControlFlags.Private;
                }
            }
        }

        return flags;
    }

    /// <summary>Whether a <c>Pragma</c> field holds <c>no-cache</c> (RFC 9111 §5.4: honoured only without
    /// <c>Cache-Control</c>).</summary>
    public static bool PragmaNoCache(StringValues values)
    {
        foreach (var value in values)
        {
            if (value is not null && value.Contains("no-cache", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static int IndexOfUnquotedComma(ReadOnlySpan<char> text)
    {
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == '\\' && quoted)
            {
                i++;
            }
            else if (c == ',' && !quoted)
            {
                return i;
            }
        }

        return -1;
    }
}

namespace Strata.Inspection;

/// <summary>
/// Redis-style glob (<c>*</c> any run, <c>?</c> one character, <c>\</c> escapes), so a <c>match</c> given to the admin
/// API means the same for L1 keys as for an L2 <c>SCAN MATCH</c>. Character classes are not supported.
/// </summary>
internal sealed class Glob(string pattern)
{
    public bool IsMatch(ReadOnlySpan<char> text) => Match(pattern, text);

    private static bool Match(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
    {
        // Iterative with one backtrack point: linear in practice, no recursion on hostile patterns.
        int p = 0, t = 0, starP = -1, starT = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                starP = p++;
                starT = t;
                continue;
            }

            if (p < pattern.Length)
            {
                var literal = pattern[p] == '\\' && p + 1 < pattern.Length;
                var expected = literal ? pattern[p + 1] : pattern[p];
                if ((!literal && expected == '?') || expected == text[t])
                {
                    p += literal ? 2 : 1;
                    t++;
                    continue;
                }
            }

            if (starP < 0)
            {
                return false;
            }

            p = starP + 1;
            t = ++starT;
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}

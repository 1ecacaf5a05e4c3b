using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;

namespace Strata.AspNetCore.Invalidation;

/// <summary>
/// The path of an invalidation rule, compiled to an anchored, case-insensitive regular expression: literals,
/// <c>{name}</c> placeholders (one non-empty segment), a leading and/or trailing <c>*</c>. Non-backtracking, so a
/// hostile path costs linear time; a literal prefix check rejects most requests before the expression runs.
/// </summary>
internal sealed class PathPattern
{
    private static readonly SearchValues<char> ParameterChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");

    private readonly Regex _regex;
    private readonly string _literalPrefix;

    private PathPattern(string text, Regex regex, string literalPrefix, string[] parameters)
    {
        Text = text;
        _regex = regex;
        _literalPrefix = literalPrefix;
        Parameters = parameters;
    }

    /// <summary>The pattern as written.</summary>
    public string Text { get; }

    /// <summary>The placeholder names, in order.</summary>
    public IReadOnlyList<string> Parameters { get; }

    /// <summary>Parses <paramref name="pattern"/>.</summary>
    /// <exception cref="FormatException">The pattern is malformed; the message says where and why.</exception>
    public static PathPattern Parse(string pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern))
        {
            throw new FormatException("the path is empty.");
        }

        if (pattern[0] != '/' && pattern[0] != '*')
        {
            throw new FormatException($"the path '{pattern}' must start with '/' or '*'.");
        }

        var leading = pattern[0] == '*';
        var trailing = pattern.Length > 1 && pattern[^1] == '*';
        var body = pattern.AsSpan(leading ? 1 : 0, pattern.Length - (leading ? 1 : 0) - (trailing ? 1 : 0));
        if (leading && body.IsEmpty)
        {
            throw new FormatException("the path '*' alone would match every request; write '/*' if that is meant.");
        }

        var regex = new StringBuilder("^");
        regex.Append(leading ? ".*" : "");
        var literal = new StringBuilder();
        var prefix = (string?)null;
        var parameters = new List<string>();
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            switch (c)
            {
                case '*':
                    throw new FormatException($"the path '{pattern}' has a '*' that is neither first nor last; only prefix and suffix wildcards are supported.");
                case '?' or '#':
                    throw new FormatException($"the path '{pattern}' contains '{c}'; rules match the path only, not the query.");
                case '}':
                    throw new FormatException($"the path '{pattern}' has a '}}' without a matching '{{'.");
                case '{':
                    var close = body[i..].IndexOf('}');
                    if (close < 0)
                    {
                        throw new FormatException($"the path '{pattern}' has an unclosed '{{'.");
                    }

                    var name = body.Slice(i + 1, close - 1).ToString();
                    if (!IsParameterName(name))
                    {
                        throw new FormatException(
                            $"the path '{pattern}' has the placeholder '{{{name}}}'; a name is ASCII letters, digits and '_' (no constraints, defaults or catch-alls).");
                    }

                    if (parameters.Contains(name, StringComparer.OrdinalIgnoreCase))
                    {
                        throw new FormatException($"the path '{pattern}' uses the placeholder '{{{name}}}' twice.");
                    }

                    prefix ??= leading ? "" : literal.ToString();
                    Flush(regex, literal);
                    regex.Append("(?<").Append(name).Append(">[^/]+)");
                    parameters.Add(name);
                    i += close;
                    break;
                default:
                    literal.Append(c);
                    break;
            }
        }

        prefix ??= leading ? "" : literal.ToString();
        Flush(regex, literal);
        if (trailing)
        {
            regex.Append(".*");
        }
        else if (body.Length > 0 && body[^1] != '/')
        {
            // Routing tolerates a trailing slash; so do rules.
            regex.Append("/?");
        }

        regex.Append('$');
        var compiled = new Regex(
            regex.ToString(),
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture | RegexOptions.NonBacktracking);
        return new PathPattern(pattern, compiled, prefix, [.. parameters]);
    }

    /// <summary>Whether <paramref name="path"/> matches; <paramref name="values"/> gets the placeholders' values
    /// (null when the pattern has none).</summary>
    public bool TryMatch(string path, out Dictionary<string, string>? values)
    {
        values = null;
        if (!path.StartsWith(_literalPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (Parameters.Count == 0)
        {
            return _regex.IsMatch(path);
        }

        var match = _regex.Match(path);
        if (!match.Success)
        {
            return false;
        }

        values = new Dictionary<string, string>(Parameters.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var name in Parameters)
        {
            values[name] = match.Groups[name].Value;
        }

        return true;
    }

    private static void Flush(StringBuilder regex, StringBuilder literal)
    {
        regex.Append(Regex.Escape(literal.ToString()));
        literal.Clear();
    }

    private static bool IsParameterName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.AsSpan().IndexOfAnyExcept(ParameterChars) < 0;
}

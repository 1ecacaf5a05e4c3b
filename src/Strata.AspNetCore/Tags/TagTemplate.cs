using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Strata.AspNetCore.Tags;

/// <summary>
/// A tag with route-value placeholders, such as <c>trip:{id}</c>, parsed once at startup and expanded per request.
/// Shared by response caching (the tags an entry carries) and invalidation rules (the tags a write evicts), so both
/// sides spell a tag the same way.
/// </summary>
internal sealed class TagTemplate
{
    private readonly string[] _literals;
    private readonly string[] _parameters;

    private TagTemplate(string text, string[] literals, string[] parameters)
    {
        Text = text;
        _literals = literals;
        _parameters = parameters;
    }

    /// <summary>The template as written.</summary>
    public string Text { get; }

    /// <summary>The route parameters the template reads, in order.</summary>
    public IReadOnlyList<string> Parameters => _parameters;

    /// <summary>Parses <paramref name="template"/>; <c>{name}</c> reads route value <c>name</c>.</summary>
    /// <exception cref="ArgumentException">The template is empty, has an unclosed or empty placeholder, or a stray brace.</exception>
    public static TagTemplate Parse(string template)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(template);
        var literals = new List<string>();
        var parameters = new List<string>();
        var literal = new StringBuilder();
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (c == '}')
            {
                throw new ArgumentException($"Tag template '{template}' has a '}}' without a matching '{{' at position {i}.", nameof(template));
            }

            if (c != '{')
            {
                literal.Append(c);
                continue;
            }

            var close = template.IndexOf('}', i + 1);
            if (close < 0)
            {
                throw new ArgumentException($"Tag template '{template}' has an unclosed '{{' at position {i}.", nameof(template));
            }

            var name = template.AsSpan(i + 1, close - i - 1).Trim();
            if (name.IsEmpty || name.IndexOf('{') >= 0)
            {
                throw new ArgumentException($"Tag template '{template}' has an empty or nested placeholder at position {i}.", nameof(template));
            }

            literals.Add(literal.ToString());
            literal.Clear();
            parameters.Add(name.ToString());
            i = close;
        }

        literals.Add(literal.ToString());
        return new TagTemplate(template, [.. literals], [.. parameters]);
    }

    /// <summary>Fails at startup when the template reads a parameter the route does not have.</summary>
    /// <exception cref="InvalidOperationException">A placeholder names no parameter of <paramref name="pattern"/>.</exception>
    public void EnsureParametersExist(RoutePattern pattern, string endpointName)
    {
        foreach (var parameter in _parameters)
        {
            if (pattern.GetParameter(parameter) is null)
            {
                throw new InvalidOperationException(
                    $"Tag '{Text}' on endpoint '{endpointName}' reads route value '{parameter}', but the route '{pattern.RawText}' has no such parameter.");
            }
        }
    }

    /// <summary>
    /// The tag for one request, or null when a placeholder has no value (an optional parameter left out): a tag with a
    /// hole would name a different entity, so none is better than a wrong one.
    /// </summary>
    public string? Expand(RouteValueDictionary values)
    {
        if (_parameters.Length == 0)
        {
            return Text;
        }

        var builder = new StringBuilder(Text.Length + 16);
        for (var i = 0; i < _parameters.Length; i++)
        {
            builder.Append(_literals[i]);
            if (!values.TryGetValue(_parameters[i], out var value) || value is null)
            {
                return null;
            }

            var text = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
            if (string.IsNullOrEmpty(text))
            {
                return null;
            }

            builder.Append(text);
        }

        builder.Append(_literals[^1]);
        return builder.ToString();
    }
}

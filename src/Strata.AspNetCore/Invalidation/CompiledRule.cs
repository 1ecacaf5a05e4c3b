using Strata.AspNetCore.Tags;

namespace Strata.AspNetCore.Invalidation;

/// <summary>An <see cref="InvalidationRule"/> parsed once at start-up: method, path pattern and target templates.</summary>
internal sealed class CompiledRule
{
    private CompiledRule(string? method, PathPattern path, TagTemplate[] tags, TagTemplate[] namespaces, string description)
    {
        Method = method;
        Path = path;
        Tags = tags;
        Namespaces = namespaces;
        Description = description;
    }

    /// <summary>The method to match (upper case), or null for any.</summary>
    public string? Method { get; }

    public PathPattern Path { get; }

    public IReadOnlyList<TagTemplate> Tags { get; }

    public IReadOnlyList<TagTemplate> Namespaces { get; }

    /// <summary><c>POST /v1.0/user/create*</c>, for logs and the journal.</summary>
    public string Description { get; }

    /// <summary>Compiles <paramref name="rule"/>; on failure returns null and adds every problem to
    /// <paramref name="errors"/>, each prefixed with <paramref name="name"/>.</summary>
    public static CompiledRule? TryCompile(InvalidationRule? rule, string name, List<string> errors)
    {
        if (rule is null)
        {
            errors.Add($"{name} is null.");
            return null;
        }

        var count = errors.Count;
        name = $"{name} '{rule}'";
        var method = rule.Method?.Trim();
        if (string.IsNullOrEmpty(method) || method == "*")
        {
            method = null;
        }
        else if (!IsToken(method))
        {
            errors.Add($"{name}: the method '{rule.Method}' is not an HTTP method token (use e.g. POST, or * for any).");
        }

        PathPattern? path = null;
        try
        {
            path = PathPattern.Parse(rule.Path);
        }
        catch (FormatException error)
        {
            errors.Add($"{name}: {error.Message}");
        }

        if (rule.Tags.Count == 0 && rule.Namespaces.Count == 0)
        {
            errors.Add($"{name}: no Tags and no Namespaces; a rule must invalidate something.");
        }

        var tags = Templates(rule.Tags, "tag", path, name, errors, isNamespace: false);
        var namespaces = Templates(rule.Namespaces, "namespace", path, name, errors, isNamespace: true);
        return errors.Count > count || path is null
            ? null
            : new CompiledRule(method?.ToUpperInvariant(), path, tags, namespaces, rule.ToString());
    }

    /// <summary>Checks a literal namespace name the way the engine will (1–64 ASCII letters, digits, <c>_ . -</c>),
    /// so a typo fails start-up instead of the first write.</summary>
    public static string? NamespaceProblem(string name)
    {
        if (name.Length is 0 or > 64)
        {
            return $"the namespace '{name}' must be 1 to 64 characters long";
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '.' or '-'))
            {
                return $"the namespace '{name}' contains '{c}'; only ASCII letters, digits, '_', '.' and '-' are allowed";
            }
        }

        return null;
    }

    private static TagTemplate[] Templates(IList<string> values, string what, PathPattern? path, string name, List<string> errors, bool isNamespace)
    {
        var templates = new List<TagTemplate>(values.Count);
        foreach (var value in values)
        {
            TagTemplate template;
            try
            {
                template = TagTemplate.Parse(value);
            }
            catch (ArgumentException error)
            {
                errors.Add($"{name}: the {what} '{value}' is invalid: {FirstSentence(error.Message)}");
                continue;
            }

            if (path is not null)
            {
                foreach (var parameter in template.Parameters)
                {
                    if (!path.Parameters.Contains(parameter, StringComparer.OrdinalIgnoreCase))
                    {
                        errors.Add($"{name}: the {what} '{value}' reads '{{{parameter}}}', which the path '{path.Text}' does not capture.");
                    }
                }
            }

            if (isNamespace && template.Parameters.Count == 0 && NamespaceProblem(value) is { } problem)
            {
                errors.Add($"{name}: {problem}.");
            }

            templates.Add(template);
        }

        return [.. templates];
    }

    // ArgumentException appends " (Parameter 'x')"; the rule name already says where.
    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(" (Parameter", StringComparison.Ordinal);
        return end < 0 ? message : message[..end];
    }

    // RFC 9110 token characters.
    private static bool IsToken(string value)
    {
        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && "!#$%&'*+-.^_`|~".IndexOf(c, StringComparison.Ordinal) < 0)
            {
                return false;
            }
        }

        return true;
    }
}

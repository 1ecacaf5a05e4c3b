using System.Text;

namespace Strata.AspNetCore.Metrics;

/// <summary>
/// OpenTelemetry-to-Prometheus naming (the OpenTelemetry "Prometheus and OpenMetrics compatibility" rules): dots and
/// other invalid characters become underscores, the unit becomes a suffix (<c>s</c> → <c>_seconds</c>,
/// <c>By</c> → <c>_bytes</c>, <c>1</c> → <c>_ratio</c> on gauges, <c>{request}</c> annotations dropped), counters end in
/// <c>_total</c>; label names are sanitised and label values escaped.
/// </summary>
internal static class PrometheusNaming
{
    private static readonly Dictionary<string, string> Units = new(StringComparer.Ordinal)
    {
        ["d"] = "days",
        ["h"] = "hours",
        ["min"] = "minutes",
        ["s"] = "seconds",
        ["ms"] = "milliseconds",
        ["us"] = "microseconds",
        ["ns"] = "nanoseconds",
        ["By"] = "bytes",
        ["KiBy"] = "kibibytes",
        ["MiBy"] = "mebibytes",
        ["GiBy"] = "gibibytes",
        ["TiBy"] = "tebibytes",
        ["KBy"] = "kilobytes",
        ["MBy"] = "megabytes",
        ["GBy"] = "gigabytes",
        ["TBy"] = "terabytes",
        ["m"] = "meters",
        ["V"] = "volts",
        ["A"] = "amperes",
        ["J"] = "joules",
        ["W"] = "watts",
        ["g"] = "grams",
        ["Cel"] = "celsius",
        ["Hz"] = "hertz",
        ["%"] = "percent",
    };

    private static readonly Dictionary<string, string> PerUnits = new(StringComparer.Ordinal)
    {
        ["s"] = "second",
        ["m"] = "minute",
        ["h"] = "hour",
        ["d"] = "day",
        ["w"] = "week",
        ["mo"] = "month",
        ["y"] = "year",
    };

    /// <summary>The family name: sanitised instrument name, unit suffix, and <c>_total</c> for counters.</summary>
    public static string MetricName(string instrumentName, string? unit, MetricType type)
    {
        var name = Sanitize(instrumentName, allowLeadingDigit: false);
        var suffix = UnitSuffix(unit, type);
        if (suffix.Length > 0 && !name.EndsWith("_" + suffix, StringComparison.Ordinal) && name != suffix)
        {
            name = name + "_" + suffix;
        }

        if (type == MetricType.Counter && !name.EndsWith("_total", StringComparison.Ordinal))
        {
            name += "_total";
        }

        return name;
    }

    /// <summary>The suffix a UCUM unit gives, without the leading underscore; empty for none.</summary>
    public static string UnitSuffix(string? unit, MetricType type)
    {
        if (string.IsNullOrWhiteSpace(unit))
        {
            return string.Empty;
        }

        var stripped = StripAnnotations(unit).Trim();
        if (stripped.Length == 0)
        {
            return string.Empty;
        }

        if (stripped == "1")
        {
            return type == MetricType.Gauge ? "ratio" : string.Empty;
        }

        var slash = stripped.IndexOf('/', StringComparison.Ordinal);
        var main = slash < 0 ? stripped : stripped[..slash].Trim();
        var per = slash < 0 ? string.Empty : stripped[(slash + 1)..].Trim();
        main = main.Length == 0 || main == "1" ? string.Empty : Units.GetValueOrDefault(main, main);
        per = per.Length == 0 ? string.Empty : "per_" + PerUnits.GetValueOrDefault(per, per);
        var suffix = main.Length > 0 && per.Length > 0 ? main + "_" + per : main + per;
        return Sanitize(suffix, allowLeadingDigit: true).Trim('_');
    }

    /// <summary>A label name matching <c>[a-zA-Z_][a-zA-Z0-9_]*</c>, not starting with the reserved <c>__</c>.</summary>
    public static string LabelName(string key)
    {
        if (key.Length == 0)
        {
            return "key_";
        }

        var builder = new StringBuilder(key.Length + 4);
        if (char.IsAsciiDigit(key[0]))
        {
            builder.Append("key_");
        }
        else if (key.StartsWith("__", StringComparison.Ordinal))
        {
            builder.Append("key");
        }

        foreach (var c in key)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        }

        return builder.ToString();
    }

    /// <summary>
    /// <c>a="x",b="y"</c> (UTF-8, no braces) for a series' tags. Tags whose names collide once sanitised (<c>a.b</c>
    /// and <c>a_b</c>) become one label, their values joined with <c>;</c> in key order, as the compatibility rules say.
    /// </summary>
    public static byte[] FormatLabels(TagSet tags)
    {
        if (tags.Count == 0)
        {
            return [];
        }

        var names = new List<string>(tags.Count);
        var values = new List<string>(tags.Count);
        foreach (var tag in tags.Strings)
        {
            var name = LabelName(tag.Key);
            var index = names.IndexOf(name);
            if (index >= 0)
            {
                values[index] = values[index] + ";" + tag.Value;
            }
            else
            {
                names.Add(name);
                values.Add(tag.Value);
            }
        }

        var text = new StringBuilder();
        for (var i = 0; i < names.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            text.Append(names[i]).Append("=\"");
            AppendEscapedLabelValue(text, values[i]);
            text.Append('"');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public static void AppendEscapedLabelValue(StringBuilder text, string value)
    {
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => text.Append(@"\\"),
                '"' => text.Append("\\\""),
                '\n' => text.Append(@"\n"),
                _ => text.Append(c),
            };
        }
    }

    /// <summary>A <c># HELP</c> docstring: backslashes and line feeds escaped.</summary>
    public static string EscapeHelp(string help) => help.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("\n", @"\n", StringComparison.Ordinal);

    private static string StripAnnotations(string unit)
    {
        if (!unit.Contains('{', StringComparison.Ordinal))
        {
            return unit;
        }

        var builder = new StringBuilder(unit.Length);
        var depth = 0;
        foreach (var c in unit)
        {
            if (c == '{')
            {
                depth++;
            }
            else if (c == '}' && depth > 0)
            {
                depth--;
            }
            else if (depth == 0)
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    // Invalid characters become '_', runs of '_' collapse to one, and a name may not start with a digit.
    private static string Sanitize(string name, bool allowLeadingDigit)
    {
        var builder = new StringBuilder(name.Length + 1);
        if (!allowLeadingDigit && (name.Length == 0 || char.IsAsciiDigit(name[0])))
        {
            builder.Append('_');
        }

        foreach (var c in name)
        {
            var valid = char.IsAsciiLetterOrDigit(c) ? c : '_';
            if (valid == '_' && builder.Length > 0 && builder[^1] == '_')
            {
                continue;
            }

            builder.Append(valid);
        }

        return builder.ToString();
    }
}

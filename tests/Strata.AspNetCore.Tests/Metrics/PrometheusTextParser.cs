using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Strata.AspNetCore.Tests.Metrics;

/// <summary>
/// A strict parser of the Prometheus text exposition format 0.0.4, for checking what /metrics serves: every rule a
/// scraper relies on fails loudly (a <see cref="FormatException"/> naming the line) instead of being tolerated.
/// Checks: line grammar, metric and label name grammar, label value escapes, numeric values, at most one HELP and one
/// TYPE per family and both before its samples, a family's samples contiguous, no duplicate series or labels,
/// counters named <c>*_total</c>, histogram buckets ascending in <c>le</c> and cumulative, a <c>+Inf</c> bucket equal
/// to <c>_count</c>, and a <c>_sum</c> per histogram series.
/// </summary>
public static partial class PrometheusTextParser
{
    private static readonly string[] HistogramSuffixes = ["_bucket", "_sum", "_count"];

    public static PrometheusScrape Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > 0 && !text.EndsWith('\n'))
        {
            throw new FormatException("The exposition must end with a line feed.");
        }

        var families = new Dictionary<string, PrometheusFamily>(StringComparer.Ordinal);
        var finished = new HashSet<string>(StringComparer.Ordinal);
        var seenSeries = new HashSet<string>(StringComparer.Ordinal);
        string? current = null;
        var lines = text.Split('\n');
        for (var number = 1; number <= lines.Length - 1; number++)
        {
            var line = lines[number - 1];
            if (line.Contains('\r', StringComparison.Ordinal))
            {
                throw Error(number, "carriage return in line");
            }

            if (line.Length == 0)
            {
                continue;
            }

            if (line[0] == '#')
            {
                var match = MetadataLine().Match(line);
                if (!match.Success)
                {
                    if (line.StartsWith("# HELP", StringComparison.Ordinal) || line.StartsWith("# TYPE", StringComparison.Ordinal))
                    {
                        throw Error(number, "malformed HELP/TYPE line");
                    }

                    continue; // a plain comment
                }

                var name = match.Groups["name"].Value;
                if (finished.Contains(name) || (families.TryGetValue(name, out var existing) && existing.Samples.Count > 0))
                {
                    throw Error(number, $"metadata for {name} after its samples");
                }

                SwitchFamily(ref current, name, finished);
                var family = families.TryGetValue(name, out var f) ? f : families[name] = new PrometheusFamily(name);
                if (match.Groups["kind"].Value == "HELP")
                {
                    if (family.Help is not null)
                    {
                        throw Error(number, $"second HELP for {name}");
                    }

                    family.Help = Unescape(match.Groups["rest"].Value, allowQuote: false, number);
                }
                else
                {
                    if (family.Type is not null)
                    {
                        throw Error(number, $"second TYPE for {name}");
                    }

                    var type = match.Groups["rest"].Value;
                    if (type is not ("counter" or "gauge" or "histogram" or "summary" or "untyped"))
                    {
                        throw Error(number, $"unknown type '{type}'");
                    }

                    if (type == "counter" && !name.EndsWith("_total", StringComparison.Ordinal))
                    {
                        throw Error(number, $"counter {name} does not end in _total");
                    }

                    family.Type = type;
                }

                continue;
            }

            var sample = ParseSample(line, number);
            var familyName = FamilyOf(sample.Name, families);
            if (!families.TryGetValue(familyName, out var owner) || owner.Type is null)
            {
                throw Error(number, $"sample {sample.Name} before a TYPE line for its family");
            }

            if (!string.Equals(current, familyName, StringComparison.Ordinal))
            {
                if (finished.Contains(familyName))
                {
                    throw Error(number, $"samples of {familyName} are not contiguous");
                }

                SwitchFamily(ref current, familyName, finished);
            }

            if (owner.Type is "counter" or "gauge" && sample.Name != familyName)
            {
                throw Error(number, $"{owner.Type} sample {sample.Name} must be named {familyName}");
            }

            if (owner.Type == "counter" && (sample.Value < 0 || double.IsNaN(sample.Value)))
            {
                throw Error(number, $"counter {sample.Name} is {sample.Value}");
            }

            if (!seenSeries.Add(sample.Name + "{" + string.Join(",", sample.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key + "=" + l.Value)) + "}"))
            {
                throw Error(number, $"duplicate series {line}");
            }

            owner.Samples.Add(sample);
        }

        foreach (var family in families.Values.Where(f => f.Type == "histogram"))
        {
            CheckHistogram(family);
        }

        return new PrometheusScrape(families);
    }

    private static void SwitchFamily(ref string? current, string next, HashSet<string> finished)
    {
        if (current is not null && !string.Equals(current, next, StringComparison.Ordinal))
        {
            finished.Add(current);
        }

        current = next;
    }

    private static string FamilyOf(string sampleName, Dictionary<string, PrometheusFamily> families)
    {
        foreach (var suffix in HistogramSuffixes)
        {
            if (sampleName.EndsWith(suffix, StringComparison.Ordinal))
            {
                var stem = sampleName[..^suffix.Length];
                if (families.TryGetValue(stem, out var family) && family.Type is "histogram" or "summary")
                {
                    return stem;
                }
            }
        }

        return sampleName;
    }

    private static PrometheusSample ParseSample(string line, int number)
    {
        var position = 0;
        var name = ReadName(line, ref position, MetricNameStart, MetricNameChar);
        if (name.Length == 0)
        {
            throw Error(number, "missing metric name");
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (position < line.Length && line[position] == '{')
        {
            position++;
            while (true)
            {
                if (position < line.Length && line[position] == '}')
                {
                    position++;
                    break;
                }

                var label = ReadName(line, ref position, LabelNameStart, LabelNameChar);
                if (label.Length == 0)
                {
                    throw Error(number, "bad label name");
                }

                if (label.StartsWith("__", StringComparison.Ordinal))
                {
                    throw Error(number, $"reserved label name {label}");
                }

                if (position + 1 >= line.Length || line[position] != '=' || line[position + 1] != '"')
                {
                    throw Error(number, $"expected =\" after label {label}");
                }

                position += 2;
                var raw = new StringBuilder();
                while (true)
                {
                    if (position >= line.Length)
                    {
                        throw Error(number, "unterminated label value");
                    }

                    var c = line[position++];
                    if (c == '"')
                    {
                        break;
                    }

                    raw.Append(c);
                    if (c == '\\')
                    {
                        if (position >= line.Length)
                        {
                            throw Error(number, "dangling escape");
                        }

                        raw.Append(line[position++]);
                    }
                }

                if (!labels.TryAdd(label, Unescape(raw.ToString(), allowQuote: true, number)))
                {
                    throw Error(number, $"duplicate label {label}");
                }

                if (position < line.Length && line[position] == ',')
                {
                    position++;
                }
                else if (position >= line.Length || line[position] != '}')
                {
                    throw Error(number, "expected , or } after a label");
                }
            }
        }

        if (position >= line.Length || line[position] != ' ')
        {
            throw Error(number, "expected one space before the value");
        }

        var parts = line[(position + 1)..].Split(' ');
        if (parts.Length is < 1 or > 2 || parts.Any(p => p.Length == 0))
        {
            throw Error(number, "expected a value and an optional timestamp, separated by one space");
        }

        var value = ParseValue(parts[0], number);
        if (parts.Length == 2 && !long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            throw Error(number, $"bad timestamp {parts[1]}");
        }

        return new PrometheusSample(name, labels, value);
    }

    public static double ParseValue(string text, int number)
    {
        switch (text)
        {
            case "+Inf":
                return double.PositiveInfinity;
            case "-Inf":
                return double.NegativeInfinity;
            case "NaN":
                return double.NaN;
        }

        if (!FloatValue().IsMatch(text))
        {
            throw Error(number, $"bad value '{text}'");
        }

        return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private static void CheckHistogram(PrometheusFamily family)
    {
        var name = family.Name;
        var groups = family.Samples
            .GroupBy(s => string.Join(",", s.Labels.Where(l => l.Key != "le").OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key + "=" + l.Value)), StringComparer.Ordinal);
        foreach (var series in groups)
        {
            var buckets = series.Where(s => s.Name == name + "_bucket").ToList();
            var sums = series.Where(s => s.Name == name + "_sum").ToList();
            var counts = series.Where(s => s.Name == name + "_count").ToList();
            if (buckets.Count == 0 || sums.Count != 1 || counts.Count != 1)
            {
                throw new FormatException($"histogram {name}{{{series.Key}}} needs buckets, one _sum and one _count.");
            }

            var previousBound = double.NegativeInfinity;
            var previousCount = 0.0;
            foreach (var bucket in buckets)
            {
                if (!bucket.Labels.TryGetValue("le", out var le))
                {
                    throw new FormatException($"bucket of {name}{{{series.Key}}} without le.");
                }

                var bound = ParseValue(le, 0);
                if (!(bound > previousBound))
                {
                    throw new FormatException($"buckets of {name}{{{series.Key}}} not ascending at le={le}.");
                }

                if (bucket.Value < previousCount)
                {
                    throw new FormatException($"buckets of {name}{{{series.Key}}} not cumulative at le={le}.");
                }

                previousBound = bound;
                previousCount = bucket.Value;
            }

            if (!double.IsPositiveInfinity(previousBound))
            {
                throw new FormatException($"histogram {name}{{{series.Key}}} has no le=\"+Inf\" bucket last.");
            }

            if (previousCount != counts[0].Value)
            {
                throw new FormatException($"histogram {name}{{{series.Key}}}: +Inf bucket {previousCount} != _count {counts[0].Value}.");
            }
        }
    }

    private static string Unescape(string raw, bool allowQuote, int number)
    {
        var text = new StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c == '\n')
            {
                throw Error(number, "raw line feed");
            }

            if (c != '\\')
            {
                if (allowQuote && c == '"')
                {
                    throw Error(number, "unescaped quote in label value");
                }

                text.Append(c);
                continue;
            }

            if (++i >= raw.Length)
            {
                throw Error(number, "dangling escape");
            }

            text.Append(raw[i] switch
            {
                '\\' => '\\',
                'n' => '\n',
                '"' when allowQuote => '"',
                _ => throw Error(number, $"invalid escape \\{raw[i]}"),
            });
        }

        return text.ToString();
    }

    private static string ReadName(string line, ref int position, Func<char, bool> start, Func<char, bool> rest)
    {
        var begin = position;
        if (position < line.Length && start(line[position]))
        {
            position++;
            while (position < line.Length && rest(line[position]))
            {
                position++;
            }
        }

        return line[begin..position];
    }

    private static bool MetricNameStart(char c) => char.IsAsciiLetter(c) || c is '_' or ':';

    private static bool MetricNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or ':';

    private static bool LabelNameStart(char c) => char.IsAsciiLetter(c) || c == '_';

    private static bool LabelNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private static FormatException Error(int line, string message) => new($"Line {line}: {message}.");

    [GeneratedRegex(@"^# (?<kind>HELP|TYPE) (?<name>[a-zA-Z_:][a-zA-Z0-9_:]*) (?<rest>.*)$")]
    private static partial Regex MetadataLine();

    [GeneratedRegex(@"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")]
    private static partial Regex FloatValue();
}

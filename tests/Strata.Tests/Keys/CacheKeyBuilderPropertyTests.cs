using System.Text;
using Strata.Keys;

namespace Strata.Tests.Keys;

/// <summary>Random parameter sets (seeded, so a failure reproduces) full of separators, escapes, whitespace and
/// surrogates: equal sets must give equal keys whatever the order, different sets different keys.</summary>
public sealed class CacheKeyBuilderPropertyTests
{
    private const string Alphabet = "ab%:=&,[]{}~ \t\nx\u0085é\ud83d\ude00%3A";
    private static readonly string[] Names = ["a", "b", "ab", "a=b", "c,d", "x:y", "%", "[", "&", "é", "a b"];

    [Fact]
    public void Build_RandomParameterSets_InjectiveAndOrderIndependent()
    {
        var random = new Random(20261201);
        var keyByCanonical = new Dictionary<string, string>(StringComparer.Ordinal);
        var canonicalByKey = new Dictionary<string, string>(StringComparer.Ordinal);

        for (var round = 0; round < 5000; round++)
        {
            var parameters = RandomParameters(random);
            var canonical = Canonical(parameters);

            var key = Build(parameters);
            var shuffled = parameters.ToArray();
            random.Shuffle(shuffled);
            Build(shuffled).ShouldBe(key, $"permutation of round {round}");

            if (keyByCanonical.TryGetValue(canonical, out var existingKey))
            {
                key.ShouldBe(existingKey, $"equal parameter sets, round {round}");
            }
            else
            {
                keyByCanonical.Add(canonical, key);
            }

            if (canonicalByKey.TryGetValue(key, out var existingCanonical))
            {
                canonical.ShouldBe(existingCanonical, $"collision on key '{key}', round {round}");
            }
            else
            {
                canonicalByKey.Add(key, canonical);
            }
        }

        // The generator must produce both repeats and a large variety for the test to mean anything.
        keyByCanonical.Count.ShouldBeGreaterThan(3000);
    }

    private static (string Name, object? Value)[] RandomParameters(Random random)
    {
        var count = random.Next(0, 5);
        var names = Names.OrderBy(_ => random.Next()).Take(count).ToArray();
        var parameters = new (string Name, object? Value)[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            parameters[i] = random.Next(10) switch
            {
                0 => (names[i], null),
                < 4 => (names[i], Enumerable.Range(0, random.Next(0, 4)).Select(_ => RandomText(random)).ToArray()),
                _ => (names[i], RandomText(random)),
            };
        }

        return parameters;
    }

    private static string RandomText(Random random)
    {
        var length = random.Next(0, 4);
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            text.Append(Alphabet[random.Next(Alphabet.Length)]);
        }

        return text.ToString();
    }

    private static string Build((string Name, object? Value)[] parameters)
    {
        var builder = new CacheKeyBuilder("op");
        foreach (var (name, value) in parameters)
        {
            _ = value switch
            {
                string[] set => builder.AddSet(name, set),
                _ => builder.Add(name, (string?)value),
            };
        }

        return builder.Build();
    }

    /// <summary>The documented normalisation, written independently: nulls omitted, text trimmed, sets trimmed,
    /// blank elements dropped, sorted and de-duplicated.</summary>
    private static string Canonical((string Name, object? Value)[] parameters) =>
        string.Join(
            "\u0001",
            parameters
                .Where(static p => p.Value is not null)
                .OrderBy(static p => p.Name, StringComparer.Ordinal)
                .Select(static p => p.Value is string[] set
                    ? $"{p.Name}\u0002set\u0002{string.Join("\u0003", set.Select(static e => e.Trim()).Where(static e => e.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))}"
                    : $"{p.Name}\u0002text\u0002{((string)p.Value!).Trim()}"));
}

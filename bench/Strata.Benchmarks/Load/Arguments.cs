using System.Globalization;

namespace Strata.Benchmarks.Load;

/// <summary>The <c>--name value</c> command lines of the runners: pairs, and numbers checked against a range.</summary>
internal static class Arguments
{
    /// <summary>The arguments as (name, value) pairs.</summary>
    /// <exception cref="ArgumentException">The last name has no value.</exception>
    public static List<(string Name, string Value)> Pairs(ReadOnlySpan<string> args)
    {
        var pairs = new List<(string, string)>(args.Length / 2);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length)
            {
                throw new ArgumentException($"{args[i]} needs a value.");
            }

            pairs.Add((args[i], args[i + 1]));
        }

        return pairs;
    }

    /// <exception cref="ArgumentException">The value is not a whole number in [<paramref name="min"/>, <paramref name="max"/>].</exception>
    public static int Int(string name, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var result) && result >= min && result <= max
            ? result
            : throw new ArgumentException($"{name} must be an integer in {min}-{max} (was '{value}').");
}

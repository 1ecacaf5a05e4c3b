using System.Globalization;

namespace Strata.Benchmarks.Tier;

/// <summary>The settings of one <c>tier-load</c> run, parsed from <c>--name value</c> pairs.</summary>
internal sealed class TierLoadOptions
{
    /// <summary>The server's host. Default <c>127.0.0.1</c>.</summary>
    public string Host { get; private set; } = "127.0.0.1";

    /// <summary>The server's port; required.</summary>
    public int Port { get; private set; }

    /// <summary>Concurrent callers, the same number in every case. Default 50.</summary>
    public int Clients { get; private set; } = 50;

    /// <summary>The measured duration of each case. Default 5 seconds.</summary>
    public TimeSpan Duration { get; private set; } = TimeSpan.FromSeconds(5);

    /// <summary>Load before measuring each case, not counted. Default 1 second.</summary>
    public TimeSpan Warmup { get; private set; } = TimeSpan.FromSeconds(1);

    /// <summary>Keys of the raw-GET and L1-disabled cases (every one present in L2). Default 10,000.</summary>
    public int Keys { get; private set; } = 10_000;

    /// <summary>Keys of the Zipf case (every one present in L2). Default 100,000.</summary>
    public int ZipfKeys { get; private set; } = 100_000;

    /// <summary>The Zipf exponent s: rank k is drawn with probability proportional to 1/k^s. Default 1.0.</summary>
    public double ZipfExponent { get; private set; } = 1.0;

    /// <summary>The L1 budget (<see cref="StrataCacheOptions.L1MaximumBytes"/>); it must not hold every Zipf key, or the
    /// case measures L1 alone. Default 8 MiB (about 16,000 entries of this payload).</summary>
    public long L1MaximumBytes { get; private set; } = 8L * 1024 * 1024;

    /// <summary>Seeds each caller's key sampler (caller i uses seed + i), so runs draw the same key sequence. Default 42.</summary>
    public int Seed { get; private set; } = 42;

    /// <exception cref="ArgumentException">An argument is unknown, missing its value, or out of range.</exception>
    public static TierLoadOptions Parse(ReadOnlySpan<string> args)
    {
        var options = new TierLoadOptions();
        for (var i = 0; i < args.Length; i += 2)
        {
            var name = args[i];
            if (i + 1 >= args.Length)
            {
                throw new ArgumentException($"{name} needs a value.");
            }

            var value = args[i + 1];
            switch (name)
            {
                case "--host":
                    options.Host = value;
                    break;
                case "--port":
                    options.Port = ParseInt(name, value, 1, 65535);
                    break;
                case "--clients":
                    options.Clients = ParseInt(name, value, 1, 10_000);
                    break;
                case "--seconds":
                    options.Duration = TimeSpan.FromSeconds(ParseDouble(name, value));
                    break;
                case "--warmup":
                    options.Warmup = TimeSpan.FromSeconds(ParseDouble(name, value));
                    break;
                case "--keys":
                    options.Keys = ParseInt(name, value, 1, 10_000_000);
                    break;
                case "--zipf-keys":
                    options.ZipfKeys = ParseInt(name, value, 1, 10_000_000);
                    break;
                case "--zipf-s":
                    options.ZipfExponent = ParseDouble(name, value);
                    break;
                case "--l1-bytes":
                    options.L1MaximumBytes = long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) && bytes > 0
                        ? bytes
                        : throw new ArgumentException($"{name} must be a positive number of bytes (was '{value}').");
                    break;
                case "--seed":
                    options.Seed = ParseInt(name, value, 0, int.MaxValue);
                    break;
                default:
                    throw new ArgumentException($"unknown argument '{name}'.");
            }
        }

        if (options.Port == 0)
        {
            throw new ArgumentException("--port is required.");
        }

        if (options.Duration <= TimeSpan.Zero)
        {
            throw new ArgumentException("--seconds must be positive.");
        }

        if (options.Keys < options.Clients)
        {
            // Each caller walks its own residue class of the keys; with fewer keys than callers some would share one.
            throw new ArgumentException($"--keys ({options.Keys}) must be at least --clients ({options.Clients}).");
        }

        return options;
    }

    private static int ParseInt(string name, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var result) && result >= min && result <= max
            ? result
            : throw new ArgumentException($"{name} must be an integer in {min}-{max} (was '{value}').");

    private static double ParseDouble(string name, string value) =>
        double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var result) && result >= 0
            ? result
            : throw new ArgumentException($"{name} must be a non-negative number (was '{value}').");
}

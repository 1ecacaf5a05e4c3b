using Strata.Benchmarks.Load;

namespace Strata.Benchmarks.Tier;

/// <summary>The settings of one <c>tier-load</c> run.</summary>
internal sealed class TierLoadOptions : LoadOptions
{
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
    public static TierLoadOptions Parse(ReadOnlySpan<string> args) => Parse(args, new TierLoadOptions());

    protected override bool TryApply(string name, string value)
    {
        switch (name)
        {
            case "--keys":
                Keys = ParseInt(name, value, 1, 10_000_000);
                return true;
            case "--zipf-keys":
                ZipfKeys = ParseInt(name, value, 1, 10_000_000);
                return true;
            case "--zipf-s":
                ZipfExponent = ParseNonNegative(name, value);
                return true;
            case "--l1-bytes":
                L1MaximumBytes = ParsePositiveLong(name, value);
                return true;
            case "--seed":
                Seed = ParseInt(name, value, 0, int.MaxValue);
                return true;
            default:
                return false;
        }
    }

    protected override void Validate()
    {
        if (Keys < Clients)
        {
            // Each caller walks its own residue class of the keys; with fewer keys than callers some would share one.
            throw new ArgumentException($"--keys ({Keys}) must be at least --clients ({Clients}).");
        }
    }
}

using System.Globalization;

namespace Strata.Benchmarks.Load;

/// <summary>
/// What every macro load run takes, parsed from <c>--name value</c> pairs: the server, the number of concurrent callers,
/// the measured duration and the warm-up. A run's own options derive from it and handle their own names in
/// <see cref="TryApply"/>.
/// </summary>
internal abstract class LoadOptions
{
    /// <summary>The server's host. Default <c>127.0.0.1</c>.</summary>
    public string Host { get; private set; } = "127.0.0.1";

    /// <summary>The server's port; required.</summary>
    public int Port { get; private set; }

    /// <summary>Concurrent callers, the same number in every case of a run. Default 50.</summary>
    public int Clients { get; private set; } = 50;

    /// <summary>The measured duration of each case. Default 5 seconds.</summary>
    public TimeSpan Duration { get; private set; } = TimeSpan.FromSeconds(5);

    /// <summary>Load before measuring each case (JIT tiering, pools, socket buffers), not counted. Default 1 second.</summary>
    public TimeSpan Warmup { get; private set; } = TimeSpan.FromSeconds(1);

    /// <summary>Fills <paramref name="options"/> from <paramref name="args"/> and validates it.</summary>
    /// <exception cref="ArgumentException">An argument is unknown, missing its value, or out of range.</exception>
    protected static T Parse<T>(ReadOnlySpan<string> args, T options)
        where T : LoadOptions
    {
        foreach (var (name, value) in Arguments.Pairs(args))
        {
            if (!options.TryApplyCommon(name, value) && !options.TryApply(name, value))
            {
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

        options.Validate();
        return options;
    }

    /// <summary>Applies one of the run's own arguments; false when the name is not one of them.</summary>
    protected abstract bool TryApply(string name, string value);

    /// <summary>Checks the run's own arguments against each other, after all were applied.</summary>
    protected virtual void Validate()
    {
    }

    protected static int ParseInt(string name, string value, int min, int max) => Arguments.Int(name, value, min, max);

    protected static long ParsePositiveLong(string name, string value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var result) && result > 0
            ? result
            : throw new ArgumentException($"{name} must be a positive integer (was '{value}').");

    protected static double ParseNonNegative(string name, string value) =>
        double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var result) && result >= 0
            ? result
            : throw new ArgumentException($"{name} must be a non-negative number (was '{value}').");

    private bool TryApplyCommon(string name, string value)
    {
        switch (name)
        {
            case "--host":
                Host = value;
                return true;
            case "--port":
                Port = ParseInt(name, value, 1, 65535);
                return true;
            case "--clients":
                Clients = ParseInt(name, value, 1, 100_000);
                return true;
            case "--seconds":
                Duration = TimeSpan.FromSeconds(ParseNonNegative(name, value));
                return true;
            case "--warmup":
                Warmup = TimeSpan.FromSeconds(ParseNonNegative(name, value));
                return true;
            default:
                return false;
        }
    }
}

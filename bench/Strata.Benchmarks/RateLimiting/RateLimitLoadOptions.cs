using System.Globalization;

namespace Strata.Benchmarks.RateLimiting;

/// <summary>The settings of one <c>ratelimit-load</c> run, parsed from <c>--name value</c> pairs.</summary>
internal sealed class RateLimitLoadOptions
{
    /// <summary>The server's host. Default <c>127.0.0.1</c>.</summary>
    public string Host { get; private set; } = "127.0.0.1";

    /// <summary>The server's port; required.</summary>
    public int Port { get; private set; }

    /// <summary>Concurrent callers sharing one client (one connection). Default 50.</summary>
    public int Clients { get; private set; } = 50;

    /// <summary>The measured duration of each case. Default 5 seconds.</summary>
    public TimeSpan Duration { get; private set; } = TimeSpan.FromSeconds(5);

    /// <summary>Load before measuring each case, not counted. Default 1 second.</summary>
    public TimeSpan Warmup { get; private set; } = TimeSpan.FromSeconds(1);

    /// <exception cref="ArgumentException">An argument is unknown, missing its value, or out of range.</exception>
    public static RateLimitLoadOptions Parse(ReadOnlySpan<string> args)
    {
        var options = new RateLimitLoadOptions();
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
                    options.Clients = ParseInt(name, value, 1, 100_000);
                    break;
                case "--seconds":
                    options.Duration = TimeSpan.FromSeconds(ParseSeconds(name, value));
                    break;
                case "--warmup":
                    options.Warmup = TimeSpan.FromSeconds(ParseSeconds(name, value));
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

        return options;
    }

    private static int ParseInt(string name, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var result) && result >= min && result <= max
            ? result
            : throw new ArgumentException($"{name} must be an integer in {min}-{max} (was '{value}').");

    private static double ParseSeconds(string name, string value) =>
        double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var result) && result >= 0
            ? result
            : throw new ArgumentException($"{name} must be a non-negative number of seconds (was '{value}').");
}

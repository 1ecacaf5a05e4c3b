using System.Globalization;

namespace Strata.Benchmarks.Load;

/// <summary>The settings of one <c>resp-load</c> run, parsed from <c>--name value</c> pairs.</summary>
internal sealed class RespLoadOptions
{
    /// <summary>The server's host. Default <c>127.0.0.1</c>.</summary>
    public string Host { get; private set; } = "127.0.0.1";

    /// <summary>The server's port; required.</summary>
    public int Port { get; private set; }

    /// <summary>Concurrent callers sharing the one connection. Default 50.</summary>
    public int Clients { get; private set; } = 50;

    /// <summary><c>get</c> or <c>set</c>. Default <c>get</c>.</summary>
    public string Operation { get; private set; } = "get";

    /// <summary>The measured duration. Default 5 seconds.</summary>
    public TimeSpan Duration { get; private set; } = TimeSpan.FromSeconds(5);

    /// <summary>Load before measuring (JIT tiering, pools, socket buffers), not counted. Default 1 second.</summary>
    public TimeSpan Warmup { get; private set; } = TimeSpan.FromSeconds(1);

    /// <summary>The value size in bytes for SET and for pre-populating the GET key. Default 100.</summary>
    public int ValueSize { get; private set; } = 100;

    /// <summary>
    /// The key. Default <c>key:__rand_int__</c>: the literal key redis-benchmark uses without <c>-r</c>,
    /// so both sides hit the same single key.
    /// </summary>
    public string Key { get; private set; } = "key:__rand_int__";

    /// <exception cref="ArgumentException">An argument is unknown, missing its value, or out of range.</exception>
    public static RespLoadOptions Parse(ReadOnlySpan<string> args)
    {
        var options = new RespLoadOptions();
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
                case "--op":
                    options.Operation = value is "get" or "set"
                        ? value
                        : throw new ArgumentException($"--op must be get or set (was '{value}').");
                    break;
                case "--seconds":
                    options.Duration = TimeSpan.FromSeconds(ParseSeconds(name, value));
                    break;
                case "--warmup":
                    options.Warmup = TimeSpan.FromSeconds(ParseSeconds(name, value));
                    break;
                case "--value-size":
                    options.ValueSize = ParseInt(name, value, 0, 512 * 1024 * 1024);
                    break;
                case "--key":
                    options.Key = value.Length > 0 ? value : throw new ArgumentException("--key must not be empty.");
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

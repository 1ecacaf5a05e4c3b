using Strata.Benchmarks.Load;

namespace Strata.Benchmarks.Http;

/// <summary>
/// The settings of one <c>http-load</c> run. <c>--port</c> is the port the benchmark servers listen on (one after
/// the other), <c>--host</c> their loopback address; <c>--connections</c> and <c>--duration</c> are accepted as this
/// run's names for the shared <c>--clients</c> (one connection per closed-loop worker) and <c>--seconds</c>.
/// </summary>
internal sealed class HttpLoadOptions : LoadOptions
{
    /// <summary>The redis-server of the <c>strata_redis_l2</c> configuration; without it that configuration is
    /// skipped. Default none.</summary>
    public int? RedisPort { get; private set; }

    /// <exception cref="ArgumentException">An argument is unknown, missing its value, or out of range.</exception>
    public static HttpLoadOptions Parse(ReadOnlySpan<string> args)
    {
        var normalized = args.ToArray();
        for (var i = 0; i < normalized.Length; i += 2)
        {
            normalized[i] = normalized[i] switch
            {
                "--connections" => "--clients",
                "--duration" => "--seconds",
                var name => name,
            };
        }

        return Parse(normalized, new HttpLoadOptions());
    }

    protected override bool TryApply(string name, string value)
    {
        switch (name)
        {
            case "--redis-port":
                RedisPort = ParseInt(name, value, 1, 65535);
                return true;
            default:
                return false;
        }
    }

    protected override void Validate()
    {
        if (RedisPort == Port)
        {
            throw new ArgumentException($"--redis-port and --port are both {Port}.");
        }
    }
}

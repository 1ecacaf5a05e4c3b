namespace Strata.Benchmarks.Load;

/// <summary>The settings of one <c>resp-load</c> run (callers share the one connection).</summary>
internal sealed class RespLoadOptions : LoadOptions
{
    /// <summary><c>get</c> or <c>set</c>. Default <c>get</c>.</summary>
    public string Operation { get; private set; } = "get";

    /// <summary>The value size in bytes for SET and for pre-populating the GET key. Default 100.</summary>
    public int ValueSize { get; private set; } = 100;

    /// <summary>
    /// The key. Default <c>key:__rand_int__</c>: the literal key redis-benchmark uses without <c>-r</c>,
    /// so both sides hit the same single key.
    /// </summary>
    public string Key { get; private set; } = "key:__rand_int__";

    /// <summary>
    /// Keys the callers spread over: 1 (the default) is the single <see cref="Key"/>; more are <c>key:0</c> ...
    /// <c>key:N-1</c>, picked at random per command (what a cluster needs: keys on every primary).
    /// </summary>
    public int Keyspace { get; private set; } = 1;

    /// <summary>Treat the server as a Redis Cluster seed (route by slot). Default false.</summary>
    public bool Cluster { get; private set; }

    /// <exception cref="ArgumentException">An argument is unknown, missing its value, or out of range.</exception>
    public static RespLoadOptions Parse(ReadOnlySpan<string> args) => Parse(args, new RespLoadOptions());

    protected override bool TryApply(string name, string value)
    {
        switch (name)
        {
            case "--op":
                Operation = value is "get" or "set" ? value : throw new ArgumentException($"--op must be get or set (was '{value}').");
                return true;
            case "--value-size":
                ValueSize = ParseInt(name, value, 0, 512 * 1024 * 1024);
                return true;
            case "--key":
                Key = value.Length > 0 ? value : throw new ArgumentException("--key must not be empty.");
                return true;
            case "--keyspace":
                Keyspace = ParseInt(name, value, 1, 10_000_000);
                return true;
            case "--cluster":
                Cluster = value is "true" or "false" ? value == "true" : throw new ArgumentException($"--cluster must be true or false (was '{value}').");
                return true;
            default:
                return false;
        }
    }
}

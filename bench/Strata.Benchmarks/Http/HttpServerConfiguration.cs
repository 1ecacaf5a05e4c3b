namespace Strata.Benchmarks.Http;

/// <summary>
/// One way the benchmark server serves <c>/quote</c>. <see cref="Name"/> is what <c>http-server --config</c> takes and
/// what the runner prints as <c>config=</c>.
/// </summary>
internal sealed class HttpServerConfiguration
{
    /// <summary>(a) The endpoint runs for every request: the 20 ms upstream bounds the rate at connections / 20 ms.</summary>
    public static readonly HttpServerConfiguration Uncached = new("uncached", "no cache", needsRedis: false);

    /// <summary>(b) ASP.NET Core's output cache: <c>AddOutputCache</c> + <c>UseOutputCache</c> + <c>.CacheOutput(p =&gt; p.Expire(...))</c>.</summary>
    public static readonly HttpServerConfiguration OutputCache = new("outputcache", "ASP.NET Core output cache (in memory)", needsRedis: false);

    /// <summary>(c) Strata response caching with its defaults: hits come from L1.</summary>
    public static readonly HttpServerConfiguration StrataL1 = new("strata_l1", "Strata response caching, L1", needsRedis: false);

    /// <summary>(d) Strata response caching over Redis with L1 disabled (the cache's default entry flags): every hit is
    /// one Redis GET.</summary>
    public static readonly HttpServerConfiguration StrataRedisL2 = new("strata_redis_l2", "Strata response caching, Redis L2, L1 disabled", needsRedis: true);

    private HttpServerConfiguration(string name, string description, bool needsRedis)
    {
        Name = name;
        Description = description;
        NeedsRedis = needsRedis;
    }

    /// <summary>Every configuration, in the order the runner measures them.</summary>
    public static IReadOnlyList<HttpServerConfiguration> All { get; } = [Uncached, OutputCache, StrataL1, StrataRedisL2];

    public string Name { get; }

    public string Description { get; }

    public bool NeedsRedis { get; }

    /// <exception cref="ArgumentException">No configuration has that name.</exception>
    public static HttpServerConfiguration Parse(string name) =>
        All.FirstOrDefault(c => c.Name == name)
        ?? throw new ArgumentException($"--config must be one of {string.Join(", ", All.Select(static c => c.Name))} (was '{name}').");

    public override string ToString() => Name;
}

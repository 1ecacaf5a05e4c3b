namespace Strata.AspNetCore;

/// <summary>
/// Options of Strata response caching (<c>services.AddStrataResponseCaching(o =&gt; ...)</c>): the named policies,
/// the policy of endpoints that name none, and limits. Validated when the host starts.
/// </summary>
public sealed class ResponseCacheOptions
{
    private readonly Dictionary<string, ResponseCachePolicy> _policies = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The Strata namespace responses are stored in, unless a policy sets its own. Default <c>http</c>.</summary>
    public string Namespace { get; set; } = "http";

    /// <summary>The largest body stored, in bytes, unless a policy sets its own; a larger body streams through to the
    /// client and is not stored. Keep it below <c>StrataCacheOptions.MaximumPayloadBytes</c> (1 MiB), which bounds
    /// the whole stored response. Default 512 KiB.</summary>
    public long MaximumBodySize { get; set; } = 512 * 1024;

    /// <summary>Whether the path is part of the key as written (<c>/Trips/1</c> and <c>/trips/1</c> apart). Routing
    /// matches paths case-insensitively, so by default they share an entry. Default false.</summary>
    public bool UseCaseSensitivePaths { get; set; }

    /// <summary>The policy of <c>.CacheResponse()</c> and <c>[CacheResponse]</c> without a policy name, and the base
    /// that inline settings adjust. Default: a new <see cref="ResponseCachePolicy"/> (60 s, status 200, all query
    /// keys).</summary>
    public ResponseCachePolicy DefaultPolicy { get; set; } = new();

    /// <summary>The named policies (names are case-insensitive).</summary>
    public IReadOnlyDictionary<string, ResponseCachePolicy> Policies => _policies;

    /// <summary>Adds (or replaces) the policy <paramref name="name"/>, configured from the defaults of
    /// <see cref="ResponseCachePolicy"/>.</summary>
    public ResponseCacheOptions AddPolicy(string name, Action<ResponseCachePolicy> configure)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        var policy = new ResponseCachePolicy();
        configure(policy);
        _policies[name] = policy;
        return this;
    }

    /// <summary>Adds (or replaces) the policy <paramref name="name"/>.</summary>
    public ResponseCacheOptions AddPolicy(string name, ResponseCachePolicy policy)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(policy);
        _policies[name] = policy;
        return this;
    }
}

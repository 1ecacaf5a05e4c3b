using System.Globalization;
using Strata.Resp;

namespace Strata.Redis.DistributedCache;

/// <summary>
/// How a <see cref="RedisDistributedCache"/> reaches Redis and names its keys. Every default is written on its property.
/// Set exactly one of <see cref="ConnectionString"/> and <see cref="Client"/>.
/// </summary>
public sealed class RedisDistributedCacheOptions
{
    /// <summary>The longest <see cref="OperationTimeout"/> accepted (about 24.8 days: a timer's limit in milliseconds).</summary>
    public static readonly TimeSpan MaxOperationTimeout = TimeSpan.FromMilliseconds(int.MaxValue);

    /// <summary>
    /// A Strata.Resp connection string (<c>redis://[user[:password]@]host[:port][/db][?options]</c>, <c>rediss://</c>
    /// for TLS). The cache then creates its own <see cref="RespClient"/>, connecting in the background (commands issued
    /// before the connection opens wait within their timeout), and disposes it with the cache. Default <c>null</c>.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// An existing client to share (for example the one an application already uses for other Redis work). The cache
    /// never disposes it: its owner does. Default <c>null</c>.
    /// </summary>
    public RespClient? Client { get; set; }

    /// <summary>
    /// Prepended to every key the cache is given, so the cache's entries can share a database with other data
    /// (e.g. <c>"sessions:"</c>). Default <c>""</c>: keys are stored exactly as callers pass them, as Microsoft's
    /// Redis cache does without an instance name. Callers such as HybridCache and session state already choose
    /// distinctive keys; set a prefix when the database is shared with data whose keys could collide.
    /// </summary>
    public string KeyPrefix { get; set; } = string.Empty;

    /// <summary>
    /// How long one cache operation may take before it fails with <see cref="RespTimeoutException"/>. Default
    /// <c>null</c>: the client's own <see cref="RespClientOptions.CommandTimeout"/> applies (5 seconds unless the
    /// connection string's <c>commandTimeout</c> says otherwise). When set with <see cref="ConnectionString"/> it
    /// becomes the created client's command timeout (no cost per call); when set with <see cref="Client"/> each
    /// operation is bounded by a timer on <see cref="TimeProvider"/> on top of the shared client's own timeout.
    /// </summary>
    public TimeSpan? OperationTimeout { get; set; }

    /// <summary>
    /// The clock that turns an absolute expiration (<see cref="Microsoft.Extensions.Caching.Distributed.DistributedCacheEntryOptions.AbsoluteExpiration"/>)
    /// into a duration at the moment of the call, and that runs <see cref="OperationTimeout"/> for a shared <see cref="Client"/>
    /// (a client the cache creates keeps its own clock). Expirations themselves
    /// are computed on the Redis server's clock, so skew between this clock and the server's does not matter beyond
    /// that one conversion. Default <c>null</c>: the <see cref="System.TimeProvider"/> registered in the service
    /// container when the cache is added with <c>AddStrataRedisDistributedCache</c>, otherwise
    /// <see cref="TimeProvider.System"/>.
    /// </summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>Checks every setting and throws one exception naming each invalid one.</summary>
    /// <exception cref="ArgumentException">Some setting is invalid; the message names each option and why.</exception>
    public void Validate()
    {
        var errors = GetErrors();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid RedisDistributedCacheOptions: " + string.Join(" ", errors));
        }
    }

    /// <summary>Every problem, one sentence each, naming the option (shared with the options validator).</summary>
    internal List<string> GetErrors()
    {
        var errors = new List<string>();
        var hasConnectionString = !string.IsNullOrWhiteSpace(ConnectionString);
        if (!hasConnectionString && Client is null)
        {
            errors.Add(ConnectionString is null
                ? "Set RedisDistributedCacheOptions.ConnectionString or RedisDistributedCacheOptions.Client (neither is set)."
                : "RedisDistributedCacheOptions.ConnectionString is empty; set it or RedisDistributedCacheOptions.Client.");
        }
        else if (hasConnectionString && Client is not null)
        {
            // Which one should win is a guess either way (and the owner of the client would be unclear), so refuse.
            errors.Add("Set only one of RedisDistributedCacheOptions.ConnectionString and RedisDistributedCacheOptions.Client (both are set).");
        }
        else if (hasConnectionString)
        {
            try
            {
                // Parse validates the client options too; its messages redact the password.
                _ = RespClientOptions.Parse(ConnectionString!);
            }
            catch (Exception error) when (error is FormatException or ArgumentException)
            {
                errors.Add($"RedisDistributedCacheOptions.ConnectionString is invalid: {error.Message}");
            }
        }

        if (KeyPrefix is null)
        {
            errors.Add("RedisDistributedCacheOptions.KeyPrefix must not be null (use \"\" for no prefix).");
        }

        if (OperationTimeout is { } timeout && (timeout <= TimeSpan.Zero || timeout > MaxOperationTimeout))
        {
            errors.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"RedisDistributedCacheOptions.OperationTimeout must be positive and at most {MaxOperationTimeout} when set (was {timeout})."));
        }

        return errors;
    }
}

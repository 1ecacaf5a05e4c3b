using System.Globalization;
using Strata.Resp;

namespace Strata.Redis.AspNetCore;

/// <summary>
/// Where ASP.NET Core's output cache keeps its entries on Redis (see
/// <see cref="StrataRedisOutputCacheServiceCollectionExtensions.AddStrataRedisOutputCache(Microsoft.Extensions.DependencyInjection.IServiceCollection, Action{RedisOutputCacheOptions})"/>).
/// Set exactly one of <see cref="ConnectionString"/> and <see cref="Client"/>.
/// </summary>
/// <remarks>
/// Redis layout, under <see cref="KeyPrefix"/> (<c>p</c>):
/// <list type="bullet">
/// <item><c>{p}e:{key}</c>: a string holding one cached response, expiring (<c>PX</c>) after its <c>validFor</c>.</item>
/// <item><c>{p}tag:{tag}</c>: a sorted set of the entry keys (<c>{p}e:{key}</c>) stored with the tag, each scored by
/// its expiry in Unix milliseconds (server clock). Members that expired are pruned whenever the tag is used again, and
/// the set itself expires with its longest-lived member, so tag sets never grow without bound (on a Redis Cluster scores
/// carry a one-minute grace past the entry's expiry, as the entry is written by another node after its memberships).</item>
/// </list>
/// The two namespaces are disjoint, so no output-cache key can collide with a tag set.
/// </remarks>
public sealed class RedisOutputCacheOptions
{
    /// <summary>The largest <see cref="OperationTimeout"/> a timer can represent (about 24.8 days).</summary>
    private static readonly TimeSpan MaxOperationTimeout = TimeSpan.FromMilliseconds(int.MaxValue);

    /// <summary>
    /// A connection string (<c>redis://[user[:password]@]host[:port][/db][?options]</c>, <c>rediss://</c> for TLS; see
    /// <see cref="RespClientOptions.Parse(string)"/>). The store then creates its own <see cref="RespClient"/>, which
    /// connects in the background (the application starts even while Redis is down; commands wait for the connection
    /// within their timeout) and is disposed with the store. Default <see langword="null"/>.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// An existing client to share (for example the application's own). The store does not own it: disposing the store
    /// leaves it open. Default <see langword="null"/>.
    /// </summary>
    public RespClient? Client { get; set; }

    /// <summary>
    /// The prefix of every key the store writes (entries under <c>{prefix}e:</c>, tag sets under <c>{prefix}tag:</c>).
    /// Applications sharing a prefix share cached responses; give unrelated applications different prefixes.
    /// May be empty, not <see langword="null"/>. Default <c>strata:oc:</c>.
    /// </summary>
    public string KeyPrefix { get; set; } = "strata:oc:";

    /// <summary>
    /// How long one call to Redis may take (a read, a write, or one page of a tag eviction) before it fails with
    /// <see cref="RespTimeoutException"/>, so a paused or overloaded server cannot hold requests for the client's whole
    /// command timeout. <see cref="Timeout.InfiniteTimeSpan"/> leaves it to the client's own command timeout.
    /// Positive and at most about 24.8 days (<see cref="int.MaxValue"/> ms), or infinite. Default 1 second.
    /// </summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The clock for <see cref="OperationTimeout"/>. Entry and tag expiries do not use it: they are computed by Redis
    /// from its own clock, so every application instance agrees on them. <see langword="null"/> uses the
    /// <see cref="System.TimeProvider"/> registered in the container, else <see cref="TimeProvider.System"/>.
    /// Default <see langword="null"/>.
    /// </summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>Checks every option; the store calls this when it is created, and the options system at host start.</summary>
    /// <exception cref="ArgumentException">
    /// An option is missing, conflicting or malformed; <see cref="ArgumentException.ParamName"/> is the option's name.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="OperationTimeout"/> is out of range.</exception>
    public void Validate()
    {
        var hasConnectionString = !string.IsNullOrWhiteSpace(ConnectionString);
        if (hasConnectionString == (Client is not null))
        {
            throw new ArgumentException(
                hasConnectionString
                    ? "Set only one of RedisOutputCacheOptions.ConnectionString and RedisOutputCacheOptions.Client, not both."
                    : "Set RedisOutputCacheOptions.ConnectionString or RedisOutputCacheOptions.Client: the output cache needs a Redis server.",
                nameof(ConnectionString));
        }

        if (hasConnectionString)
        {
            try
            {
                _ = RespClientOptions.Parse(ConnectionString!);
            }
            catch (Exception error) when (error is FormatException or ArgumentException)
            {
                // Parse's messages never repeat the password.
                throw new ArgumentException($"RedisOutputCacheOptions.ConnectionString is invalid: {error.Message}", nameof(ConnectionString), error);
            }
        }

        if (KeyPrefix is null)
        {
            throw new ArgumentException("RedisOutputCacheOptions.KeyPrefix must not be null (use \"\" for no prefix).", nameof(KeyPrefix));
        }

        if (OperationTimeout != Timeout.InfiniteTimeSpan && (OperationTimeout <= TimeSpan.Zero || OperationTimeout > MaxOperationTimeout))
        {
            throw new ArgumentOutOfRangeException(
                nameof(OperationTimeout),
                OperationTimeout,
                string.Create(CultureInfo.InvariantCulture, $"RedisOutputCacheOptions.OperationTimeout must be positive and at most {MaxOperationTimeout}, or Timeout.InfiniteTimeSpan (was {OperationTimeout})."));
        }
    }
}

using Strata.Resp;

namespace Strata.Redis;

/// <summary>Options of <see cref="RedisDistributedTier"/>.</summary>
public sealed class RedisTierOptions
{
    /// <summary>Where Redis is: <c>redis://[user[:password]@]host[:port][/db][?options]</c> (<c>rediss://</c> for TLS);
    /// see <see cref="RespClientOptions.Parse"/>. Either this or <see cref="Client"/>. Default null.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The client options, for what a connection string cannot say (certificates, a logger factory). Either
    /// this or <see cref="ConnectionString"/>. Default null.</summary>
    public RespClientOptions? Client { get; set; }

    /// <summary>How other nodes' changes are heard. Default <see cref="RedisCoherence.Auto"/>.</summary>
    public RedisCoherence Coherence { get; set; } = RedisCoherence.Auto;

    /// <summary>The prefix of every key the tier stores (tracking watches only keys under it). <c>WithRedis</c> sets it
    /// to the cache's <see cref="StrataCacheOptions.KeyPrefix"/> followed by <c>:</c>. Default null: all keys.</summary>
    public string? KeyPrefix { get; set; }

    /// <summary>The pub/sub channel of <see cref="RedisCoherence.PubSub"/>. Default null:
    /// <see cref="KeyPrefix"/> followed by <c>!changes</c> (or <c>strata:!changes</c> without a prefix).</summary>
    public string? InvalidationChannel { get; set; }

    /// <summary>How values are stored. Default <see cref="RedisValueFormat.Envelope"/>; see
    /// <see cref="RedisValueFormat.PlainJson"/> for sharing a Redis with services that store plain JSON.</summary>
    public RedisValueFormat ValueFormat { get; set; } = RedisValueFormat.Envelope;

    /// <summary>With <see cref="RedisValueFormat.PlainJson"/>: how long a value found without a TTL (written by
    /// something else with plain SET) counts as fresh. Default 5 minutes.</summary>
    public TimeSpan PlainValueFreshness { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Keys asked for per SCAN step when purging a namespace (each step is followed by one UNLINK of what it
    /// found, so the server is never blocked). Default 500.</summary>
    public int ScanPageSize { get; set; } = 500;

    /// <summary>The channel <see cref="RedisCoherence.PubSub"/> uses, after defaults.</summary>
    internal string EffectiveChannel => InvalidationChannel ?? (KeyPrefix is { Length: > 0 } prefix ? prefix + "!changes" : "strata:!changes");

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if ((ConnectionString is null) == (Client is null))
        {
            throw new ArgumentException(
                "RedisTierOptions needs exactly one of ConnectionString and Client (where Redis is).",
                ConnectionString is null ? nameof(ConnectionString) : nameof(Client));
        }

        if (ConnectionString is not null)
        {
            try
            {
                RespClientOptions.Parse(ConnectionString);
            }
            catch (FormatException error)
            {
                throw new ArgumentException($"RedisTierOptions.ConnectionString does not parse: {error.Message}", nameof(ConnectionString), error);
            }
        }

        if (!Enum.IsDefined(Coherence))
        {
            throw new ArgumentException($"RedisTierOptions.Coherence is not a known mode: {Coherence}.", nameof(Coherence));
        }

        if (!Enum.IsDefined(ValueFormat))
        {
            throw new ArgumentException($"RedisTierOptions.ValueFormat is not a known format: {ValueFormat}.", nameof(ValueFormat));
        }

        if (PlainValueFreshness <= TimeSpan.Zero)
        {
            throw new ArgumentException($"RedisTierOptions.PlainValueFreshness must be positive, was {PlainValueFreshness}.", nameof(PlainValueFreshness));
        }

        if (KeyPrefix is { Length: 0 })
        {
            throw new ArgumentException("RedisTierOptions.KeyPrefix must be null (all keys) or not empty.", nameof(KeyPrefix));
        }

        if (InvalidationChannel is { } channel && string.IsNullOrWhiteSpace(channel))
        {
            throw new ArgumentException("RedisTierOptions.InvalidationChannel must be null (the default) or not blank.", nameof(InvalidationChannel));
        }

        if (ScanPageSize <= 0)
        {
            throw new ArgumentException($"RedisTierOptions.ScanPageSize must be positive, was {ScanPageSize}.", nameof(ScanPageSize));
        }
    }
}

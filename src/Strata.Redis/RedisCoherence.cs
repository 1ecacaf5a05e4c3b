namespace Strata.Redis;

/// <summary>How the Redis tier hears other nodes' changes, so that no node's L1 keeps serving a value another node
/// replaced, removed or invalidated.</summary>
public enum RedisCoherence
{
    /// <summary>Client tracking when the server offers it (RESP3), else pub/sub. The default.</summary>
    Auto,

    /// <summary><c>CLIENT TRACKING ON BCAST PREFIX {prefix} NOLOOP</c> on the tier's own connection: the server tells
    /// every node about every change under the prefix (by any client, and expiry), with no extra traffic per read and
    /// no extra channel. Needs RESP3 (Redis 6+); the tier fails its reads if the server cannot do it.</summary>
    Tracking,

    /// <summary>Each write also publishes a compact message (writer node, changed keys) on
    /// <see cref="RedisTierOptions.InvalidationChannel"/>. Works on any server with pub/sub; only changes made through
    /// Strata are heard.</summary>
    PubSub,

    /// <summary>No coherence: for a single node, or when L1 entries may be served until their local duration ends.</summary>
    None,
}

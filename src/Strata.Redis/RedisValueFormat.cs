namespace Strata.Redis;

/// <summary>How the Redis tier stores values.</summary>
public enum RedisValueFormat
{
    /// <summary>Strata's envelope: creation stamp, fresh and stale horizons, tags, ETag, optionally compressed
    /// payload; Redis TTL = the stale (fail-safe) horizon. The default.</summary>
    Envelope,

    /// <summary>
    /// Compatibility with services that share the Redis and store plain JSON under <c>{namespace}:{key}</c> with SETEX
    /// (the seeds' Python services): the serialized value only, Redis TTL = the fresh duration. Reads take the
    /// remaining TTL as the freshness. Limits: no fail-safe or stale-while-revalidate from L2 (nothing outlives its
    /// TTL), no tag invalidation of values read from Redis (no tags are stored; removal and namespace clear still work,
    /// by deletion), no ETag history, and strings are stored as raw text (use JSON-serialized types to share values).
    /// </summary>
    PlainJson,
}

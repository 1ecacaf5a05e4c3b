using Strata.Resp.Scripting;

namespace Strata.Redis.DistributedCache;

/// <summary>
/// The Lua scripts behind <see cref="RedisDistributedCache"/>. An entry is one hash: <c>d</c> the data, <c>a</c> the
/// absolute expiration in server unix milliseconds (or -1), <c>s</c> the sliding expiration in milliseconds (or -1),
/// and a key TTL that is always min(sliding, absolute − now), so Redis itself removes the entry on time.
/// </summary>
/// <remarks>
/// "Now" is always the server's <c>TIME</c>, never the client's clock, so clients whose clocks disagree with the server
/// (or with each other) still agree on when an entry ends. Calling <c>TIME</c> before writing needs effects replication,
/// the default since Redis 5 (and the only mode since 7). Each operation is one script so it is one round trip and
/// atomic: a read cannot re-arm an entry that a concurrent write has just replaced with different expirations.
/// </remarks>
internal static class RedisDistributedCacheScripts
{
    /// <summary>The server clock in unix milliseconds.</summary>
    private const string NowFunction =
        """
        local function now()
          local t = redis.call('TIME')
          return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        end

        """;

    /// <summary>
    /// Re-arms a sliding entry from its raw fields <c>rawAt</c> (absolute) and <c>rawSliding</c>: the TTL becomes
    /// min(sliding, absolute − now). An entry whose absolute time has passed (its TTL should already have removed it;
    /// only millisecond rounding gets here) is removed and reported as absent (nil).
    /// </summary>
    private const string Rearm =
        """
        local sliding = tonumber(rawSliding)
        if sliding and sliding > 0 then
          local ttl = sliding
          local at = tonumber(rawAt)
          if at and at > 0 then
            local left = at - now()
            if left <= 0 then
              redis.call('UNLINK', KEYS[1])
              return nil
            end
            if left < ttl then ttl = left end
          end
          redis.call('PEXPIRE', KEYS[1], ttl)
        end

        """;

    /// <summary>
    /// KEYS[1] the entry; ARGV[1] the data, ARGV[2] the absolute expiration as milliseconds from now (or -1),
    /// ARGV[3] the sliding expiration in milliseconds (or -1). Replaces any previous entry (fields and TTL) whole.
    /// </summary>
    public static readonly RespScript Set = new(NowFunction +
        """
        local absolute = tonumber(ARGV[2])
        local sliding = tonumber(ARGV[3])
        local at = -1
        if absolute > 0 then at = now() + absolute end
        redis.call('UNLINK', KEYS[1])
        redis.call('HSET', KEYS[1], 'd', ARGV[1], 'a', at, 's', sliding)
        local ttl = sliding
        if absolute > 0 and (ttl <= 0 or absolute < ttl) then ttl = absolute end
        if ttl > 0 then redis.call('PEXPIRE', KEYS[1], ttl) end
        return 1
        """);

    /// <summary>KEYS[1] the entry. Returns the data, or nil when absent, re-arming a sliding expiration in the same step.</summary>
    public static readonly RespScript Get = new(NowFunction +
        """
        local e = redis.call('HMGET', KEYS[1], 'd', 'a', 's')
        if not e[1] then return nil end
        local rawAt, rawSliding = e[2], e[3]

        """ + Rearm +
        """
        return e[1]
        """);

    /// <summary>
    /// KEYS[1] the entry. Re-arms a sliding expiration without reading the data (which may be large); returns 1 when
    /// the entry exists, 0 or nil when it does not.
    /// </summary>
    public static readonly RespScript Refresh = new(NowFunction +
        """
        local e = redis.call('HMGET', KEYS[1], 'a', 's')
        if not e[1] then return 0 end
        local rawAt, rawSliding = e[1], e[2]

        """ + Rearm +
        """
        return 1
        """);
}

using Strata.Resp.Scripting;

namespace Strata.Redis.AspNetCore.OutputCaching;

/// <summary>The output cache's Lua scripts (sent with EVALSHA; Strata.Resp re-sends the source on NOSCRIPT).</summary>
internal static class RedisOutputCacheScripts
{
    /// <summary>
    /// Stores one entry and files it under its tags, in one round trip and atomically (no tag can point at an entry that
    /// was never written, and no reader sees the entry before its tags).
    /// KEYS[1] = the entry, KEYS[2..] = its tag sets; ARGV[1] = the value, ARGV[2] = validFor in whole milliseconds.
    /// </summary>
    /// <remarks>
    /// Scores are computed from the server's <c>TIME</c>, the same clock that expires the entry, so instances with skewed
    /// clocks still agree. Numbers are formatted with <c>%.0f</c> because Lua hands numbers to Redis as <c>%.14g</c>,
    /// which turns 15-digit expiries into exponent notation that ZADD and PEXPIREAT reject. The tag set's expiry is read
    /// back from its highest score rather than assumed: an entry set earlier may outlive this one.
    /// </remarks>
    public static readonly RespScript Set = new("""
        local time = redis.call('TIME')
        local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
        redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
        local expiresAt = string.format('%.0f', now + tonumber(ARGV[2]))
        local expired = '(' .. string.format('%.0f', now)
        for i = 2, #KEYS do
            redis.call('ZADD', KEYS[i], expiresAt, KEYS[1])
            redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', expired)
            local last = redis.call('ZRANGE', KEYS[i], -1, -1, 'WITHSCORES')
            redis.call('PEXPIREAT', KEYS[i], last[2])
        end
        return #KEYS - 1
        """);

    /// <summary>
    /// Evicts one page of a tag: the first ARGV[1] members of KEYS[1] (the tag set) are unlinked and removed from the set
    /// together, atomically, so an entry never survives without its membership (a later eviction would miss it).
    /// Returns how many members the page held; fewer than ARGV[1] means the set is now empty (and Redis has deleted it).
    /// </summary>
    /// <remarks>
    /// The members are entry keys the script was not given in KEYS: fine on a standalone server (the only topology
    /// Strata.Resp routes today); a cluster would need the entries and the tag in one slot.
    /// </remarks>
    public static readonly RespScript EvictPage = new("""
        local members = redis.call('ZRANGE', KEYS[1], 0, tonumber(ARGV[1]) - 1)
        if #members > 0 then
            redis.call('UNLINK', unpack(members))
            redis.call('ZREM', KEYS[1], unpack(members))
        end
        return #members
        """);
}

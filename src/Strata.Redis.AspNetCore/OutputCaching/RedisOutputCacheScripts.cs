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
    /// The members are entry keys the script was not given in KEYS: fine on a standalone server only. A cluster evicts
    /// with <see cref="ReadPage"/>, <c>UNLINK</c> through the client and <see cref="RemoveUnchanged"/>.
    /// </remarks>
    public static readonly RespScript EvictPage = new("""
        local members = redis.call('ZRANGE', KEYS[1], 0, tonumber(ARGV[1]) - 1)
        if #members > 0 then
            redis.call('UNLINK', unpack(members))
            redis.call('ZREM', KEYS[1], unpack(members))
        end
        return #members
        """);

    /// <summary>
    /// Cluster form of <see cref="Set"/> for one tag set (each tag set its own slot): files ARGV[1] (the entry key) in
    /// KEYS[1], scored <c>now + ARGV[2] + ARGV[3]</c> (validFor and a grace, in ms), prunes expired members and lets the
    /// set expire with its latest member. The store calls it before and again after writing the entry.
    /// </summary>
    /// <remarks>
    /// The grace covers the time between this call and the entry's <c>SET</c> on another node (and clock skew between
    /// nodes), so the membership never expires before its entry. A rewrite always changes the member's score (at least
    /// +1 ms) so <see cref="RemoveUnchanged"/> can tell that the member was filed again after an eviction read it.
    /// </remarks>
    public static readonly RespScript AddToTag = new("""
        local time = redis.call('TIME')
        local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
        local expiresAt = now + tonumber(ARGV[2]) + tonumber(ARGV[3])
        local previous = redis.call('ZSCORE', KEYS[1], ARGV[1])
        if previous and tonumber(previous) >= expiresAt then
            expiresAt = tonumber(previous) + 1
        end
        redis.call('ZADD', KEYS[1], string.format('%.0f', expiresAt), ARGV[1])
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. string.format('%.0f', now))
        local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
        redis.call('PEXPIREAT', KEYS[1], last[2])
        return 1
        """);

    /// <summary>
    /// Reads one page of a tag set for a cluster eviction: the first ARGV[1] members of KEYS[1] with their scores, as a
    /// flat list (member, score, member, score...) whatever the connection's protocol.
    /// </summary>
    public static readonly RespScript ReadPage = new("""
        return redis.call('ZRANGE', KEYS[1], 0, tonumber(ARGV[1]) - 1, 'WITHSCORES')
        """);

    /// <summary>
    /// Ends one page of a cluster eviction, after its entries were unlinked: removes each member ARGV[2i-1] from KEYS[1]
    /// only if its score is still ARGV[2i], the one the page read. A member filed again meanwhile (a concurrent store of
    /// the same key) keeps its membership, so its new entry can never outlive its tag unseen. Returns how many went.
    /// </summary>
    public static readonly RespScript RemoveUnchanged = new("""
        local removed = 0
        for i = 1, #ARGV, 2 do
            local score = redis.call('ZSCORE', KEYS[1], ARGV[i])
            if score and tonumber(score) == tonumber(ARGV[i + 1]) then
                removed = removed + redis.call('ZREM', KEYS[1], ARGV[i])
            end
        end
        return removed
        """);
}

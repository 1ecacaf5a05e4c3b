using Strata.Resp.Scripting;

namespace Strata.Redis.Scripts;

/// <summary>The tier's atomic steps, as Lua scripts (sent by SHA, re-sent on NOSCRIPT).</summary>
internal static class TierScripts
{
    /// <summary>
    /// KEYS[1] stamp key; ARGV[1] stamp (decimal), ARGV[2] retention ms. Raises the stamp, never lowers it, and keeps
    /// it at least the retention. Stamps are 64-bit ticks, past Lua's exact doubles, so they are compared as decimal
    /// strings: longer is larger, equal lengths compare by characters. It always writes the key once, even when the
    /// stamp stays: under client tracking the writer then hears exactly one echo of its own call, which it expects and
    /// drops (Redis 7.0 does not apply NOLOOP to writes made by scripts). Returns 1 when raised.
    /// </summary>
    public static readonly RespScript RaiseStamp = new("""
        local current = redis.call('GET', KEYS[1])
        local stamp = ARGV[1]
        local raised = (not current) or (not tonumber(current)) or #stamp > #current or (#stamp == #current and stamp > current)
        if not raised then
          stamp = current
        end
        local ttl = tonumber(ARGV[2])
        local left = redis.call('PTTL', KEYS[1])
        if left > ttl then
          ttl = left
        end
        redis.call('SET', KEYS[1], stamp, 'PX', ttl)
        if raised then
          return 1
        end
        return 0
        """);

    /// <summary>
    /// KEYS[1] value key, KEYS[2] lease key; ARGV[1] owner token, ARGV[2] lease ms. Takes the lease unless held, and
    /// returns the value as it is at that instant: {1, value} when taken, {0, value, remaining ms} when held by another.
    /// </summary>
    public static readonly RespScript AcquireLease = new("""
        local taken = redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2])
        local value = redis.call('GET', KEYS[1])
        if taken then
          return {1, value}
        end
        return {0, value, redis.call('PTTL', KEYS[2])}
        """);

    /// <summary>KEYS[1] lease key; ARGV[1] owner token. Deletes the lease only if the owner still holds it (a lease
    /// that expired and was taken by another node is theirs). Returns 1 when deleted.</summary>
    public static readonly RespScript ReleaseLease = new("""
        if redis.call('GET', KEYS[1]) == ARGV[1] then
          return redis.call('DEL', KEYS[1])
        end
        return 0
        """);
}

using Strata.Resp.Scripting;

namespace Strata.RateLimiting.Concurrency;

/// <summary>
/// The concurrency limiter's scripts. A partition is a sorted set of lease members (<c>leaseId:n</c>, one per permit)
/// scored by when they expire on the server's clock; expired members (their holder stopped renewing) are dropped first.
/// </summary>
internal static class ConcurrencyRedisScripts
{
    /// <summary>KEYS[1] zset; ARGV limit, ttl_us, permits, lease id. Replies like every limiter script.</summary>
    public static RespScript Acquire { get; } = new(
        """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
        local limit = tonumber(ARGV[1])
        local ttl = tonumber(ARGV[2])
        local permits = tonumber(ARGV[3])
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', string.format('%.0f', now))
        local count = redis.call('ZCARD', KEYS[1])
        if permits > 0 and count + permits <= limit then
          local expires = string.format('%.0f', now + ttl)
          for i = 1, permits do
            redis.call('ZADD', KEYS[1], expires, ARGV[4] .. ':' .. i)
          end
          redis.call('PEXPIRE', KEYS[1], string.format('%.0f', math.ceil(ttl / 1000) + 1000))
          return {1, limit - count - permits, 0, 0, 0}
        end
        local status = 0
        if permits == 0 then
          status = 1
        end
        return {status, math.max(0, limit - count), 0, 0, 0}
        """);

    /// <summary>KEYS[1] zset; ARGV ttl_us, permits, lease id. Pushes the lease's expiry out; replies how many of its members were still there.</summary>
    public static RespScript Renew { get; } = new(
        """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
        local ttl = tonumber(ARGV[1])
        local permits = tonumber(ARGV[2])
        local expires = string.format('%.0f', now + ttl)
        local renewed = 0
        for i = 1, permits do
          local member = ARGV[3] .. ':' .. i
          local score = redis.call('ZSCORE', KEYS[1], member)
          if score and tonumber(score) > now then
            redis.call('ZADD', KEYS[1], 'XX', expires, member)
            renewed = renewed + 1
          end
        end
        if renewed > 0 then
          redis.call('PEXPIRE', KEYS[1], string.format('%.0f', math.ceil(ttl / 1000) + 1000))
        end
        return renewed
        """);

    /// <summary>KEYS[1] zset; ARGV permits, lease id. Removes the lease's members.</summary>
    public static RespScript Release { get; } = new(
        """
        local removed = 0
        for i = 1, tonumber(ARGV[1]) do
          removed = removed + redis.call('ZREM', KEYS[1], ARGV[2] .. ':' .. i)
        end
        return removed
        """);
}

using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using Strata.RateLimiting.Diagnostics;
using Strata.RateLimiting.Leases;
using Strata.Resp;
using Strata.Resp.Scripting;

namespace Strata.RateLimiting.Redis;

/// <summary>
/// A Redis limiter's link to Redis: key names, one script call with a deadline, and what to decide when Redis cannot
/// answer. After a failure, decisions skip Redis for <see cref="RedisRateLimiterOptions.RetryInterval"/> (one probe per
/// interval), so an outage costs requests no timeouts; the outage is logged when it starts and when it ends.
/// </summary>
internal sealed class RedisStore : IDisposable
{
    private readonly RespClient _client;
    private readonly string _keyPrefix;
    private readonly TimeSpan _operationTimeout;
    private readonly TimeSpan _retryInterval;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly PolicyMetrics _metrics;
    private readonly StrataPartitionedRateLimiter? _fallback;
    private readonly StrataLease _openLease;
    private readonly StrataLease _closedLease;
    private long _retryAt;
    private long _downSince;
    private long _degradedDecisions;
    private int _down;

    public RedisStore(
        RedisRateLimiterOptions options,
        string policy,
        long permitLimit,
        TimeSpan window,
        TimeProvider time,
        ILogger logger,
        PolicyMetrics metrics,
        StrataPartitionedRateLimiter? fallback)
    {
        _client = options.Client!;
        // The hash tag keeps all of a partition's keys in one cluster slot; the policy inside it spreads partitions of
        // different policies with the same key (a user id) over different slots.
        _keyPrefix = options.KeyPrefix + "{" + policy + ":";
        _operationTimeout = options.OperationTimeout;
        _retryInterval = options.RetryInterval;
        FailurePolicy = options.FailurePolicy;
        Policy = policy;
        PermitLimit = permitLimit;
        _time = time;
        _logger = logger;
        _metrics = metrics;
        _fallback = fallback;
        // Failure-policy answers do not depend on the request, so each limiter caches them.
        _openLease = new StrataLease(true, new RateLimitQuota(policy, permitLimit, permitLimit, window, TimeSpan.Zero), null);
        _closedLease = new StrataLease(false, new RateLimitQuota(policy, permitLimit, 0, window, _retryInterval), _retryInterval);
    }

    public RespClient Client => _client;

    public RedisFailurePolicy FailurePolicy { get; }

    public string Policy { get; }

    public long PermitLimit { get; }

    /// <summary>Whether Redis is known to be unreachable right now (disconnected, or failed within the retry interval).</summary>
    public bool IsKnownDown => !_client.IsConnected || (Volatile.Read(ref _down) == 1 && _time.GetTimestamp() < Interlocked.Read(ref _retryAt));

    public string Key(string partitionKey, string algorithm) => string.Concat(_keyPrefix, partitionKey, "}:", algorithm);

    /// <summary>Runs a script; <see langword="null"/> when Redis is unreachable or too slow (then the failure policy applies).</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async ValueTask<RespValue?> TryEvaluateAsync(RespScript script, string key, IReadOnlyList<RespArgument> arguments, CancellationToken cancellationToken)
    {
        if (IsKnownDown)
        {
            MarkDown(_client.IsConnected ? null : new RespConnectionException("The Redis client is not connected."));
            return null;
        }

        try
        {
            var reply = await EvaluateAsync(script, key, arguments, cancellationToken).ConfigureAwait(false);
            MarkUp();
            return reply;
        }
        catch (Exception exception) when (IsUnavailability(exception, cancellationToken))
        {
            MarkDown(exception);
            return null;
        }
    }

    /// <summary>Runs a script within the operation timeout; failures propagate (for reads the failure policy does not cover).</summary>
    public async Task<RespValue> EvaluateAsync(RespScript script, string key, IReadOnlyList<RespArgument> arguments, CancellationToken cancellationToken)
    {
        if (_operationTimeout == Timeout.InfiniteTimeSpan)
        {
            return await _client.EvaluateAsync(script, [key], arguments, cancellationToken).ConfigureAwait(false);
        }

        using var deadline = new CancellationTokenSource(_operationTimeout, _time);
        using var link = cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), deadline)
            : default;
        try
        {
            return await _client.EvaluateAsync(script, [key], arguments, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RespTimeoutException(
                string.Create(CultureInfo.InvariantCulture, $"Redis did not decide within {_operationTimeout.TotalMilliseconds:0} ms (RedisRateLimiterOptions.OperationTimeout)."),
                exception);
        }
    }

    /// <summary>The failure policy's answer, synchronously (AttemptAcquire while Redis is known to be down).</summary>
    public RateLimitLease DecideWithoutRedis(string partitionKey, int permits) => FailurePolicy switch
    {
        RedisFailurePolicy.FailOpen => Degraded(partitionKey, _openLease),
        RedisFailurePolicy.FailClosed => Degraded(partitionKey, _closedLease),
        _ => Degraded(partitionKey, permits > _fallback!.PermitLimit ? _closedLease : _fallback.AttemptAcquire(partitionKey, permits)),
    };

    /// <summary>The failure policy's answer; the local fallback may queue.</summary>
    public async ValueTask<RateLimitLease> DecideWithoutRedisAsync(string partitionKey, int permits, CancellationToken cancellationToken) =>
        FailurePolicy == RedisFailurePolicy.FallbackToLocal && permits <= _fallback!.PermitLimit
            ? Degraded(partitionKey, await _fallback.AcquireAsync(partitionKey, permits, cancellationToken).ConfigureAwait(false))
            : DecideWithoutRedis(partitionKey, permits);

    public void Dispose() => _fallback?.Dispose();

    private static bool IsUnavailability(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        RespConnectionException or RespTimeoutException => true,
        // The server is up but cannot run the script now: loading, busy with another script, failing over, out of memory.
        RespServerException server => server.ErrorCode is "LOADING" or "BUSY" or "MASTERDOWN" or "CLUSTERDOWN" or "TRYAGAIN" or "READONLY" or "OOM" or "NOREPLICAS",
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    private RateLimitLease Degraded(string partitionKey, RateLimitLease lease)
    {
        Interlocked.Increment(ref _degradedDecisions);
        _metrics.StoreUnavailable(FailurePolicy);
        _metrics.Decision(partitionKey, lease.IsAcquired, PermitLimit, lease.TryGetMetadata(StrataMetadataNames.Quota, out var quota) ? quota.Remaining : 0);
        RateLimitingLog.DecidedWithoutStore(_logger, Policy, FailurePolicy, lease.IsAcquired ? "acquired" : "rejected");
        return lease;
    }

    private void MarkDown(Exception? error)
    {
        var now = _time.GetTimestamp();
        Interlocked.Exchange(ref _retryAt, now + (long)(_retryInterval.TotalSeconds * _time.TimestampFrequency));
        if (Interlocked.Exchange(ref _down, 1) == 0)
        {
            Interlocked.Exchange(ref _downSince, now);
            Interlocked.Exchange(ref _degradedDecisions, 0);
            RateLimitingLog.StoreUnavailable(_logger, Policy, FailurePolicy, error);
        }
    }

    private void MarkUp()
    {
        if (Volatile.Read(ref _down) == 1 && Interlocked.Exchange(ref _down, 0) == 1)
        {
            RateLimitingLog.StoreRecovered(
                _logger, Policy, (long)_time.GetElapsedTime(Interlocked.Read(ref _downSince)).TotalMilliseconds, Interlocked.Read(ref _degradedDecisions), FailurePolicy);
        }
    }
}

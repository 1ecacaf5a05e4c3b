using System.Diagnostics;

namespace Strata.RateLimiting.Diagnostics;

/// <summary>One limiter's view of the shared instruments: its policy tag, and its peak usage for the usage gauge.</summary>
internal sealed class PolicyMetrics : IDisposable
{
    private static readonly object Acquired = "acquired";
    private static readonly object Rejected = "rejected";

    private readonly RateLimitingMetrics? _metrics;
    private readonly object _policyTag;
    private long _peakUsageBits;

    private readonly PartitionActivity _activity = new();
    private long _acquired;
    private long _rejected;

    private PolicyMetrics(RateLimitingMetrics? metrics, string policy)
    {
        _metrics = metrics;
        Policy = policy;
        _policyTag = policy;
        metrics?.Register(this);
    }

    /// <summary>Records nothing: for the local fallback of a Redis limiter, whose decisions the Redis limiter records.</summary>
    public static PolicyMetrics Disabled { get; } = new(null, string.Empty);

    public string Policy { get; }

    public static PolicyMetrics Create(RateLimitingMetrics metrics, string policy) => new(metrics, policy);

    /// <summary>The limiter these metrics belong to (set once it is built), for the usage view.</summary>
    public StrataPartitionedRateLimiter? Owner { get; set; }

    public void Decision(string partitionKey, bool acquired, long limit, long remaining)
    {
        if (_metrics is null)
        {
            return;
        }

        Interlocked.Increment(ref acquired ? ref _acquired : ref _rejected);
        _activity.Record(partitionKey, acquired);

        if (_metrics.Requests.Enabled)
        {
            _metrics.Requests.Add(1, new("policy", _policyTag), new("result", acquired ? Acquired : Rejected));
        }

        RaisePeak(limit <= 0 ? 0 : Math.Clamp((limit - remaining) / (double)limit, 0, 1));
    }

    public void QueueEnded(long startTimestamp, TimeProvider time, bool acquired)
    {
        if (_metrics is { QueueDuration.Enabled: true })
        {
            _metrics.QueueDuration.Record(
                time.GetElapsedTime(startTimestamp).TotalSeconds, new("policy", _policyTag), new("result", acquired ? Acquired : Rejected));
        }
    }

    public void StoreUnavailable(RedisFailurePolicy failurePolicy)
    {
        if (_metrics is { StoreUnavailable.Enabled: true })
        {
            _metrics.StoreUnavailable.Add(1, new("policy", _policyTag), new("failure_policy", FailurePolicyTag(failurePolicy)));
        }
    }

    public RateLimitPolicyUsage Usage(int topPartitions) => new(
        Policy,
        Owner?.PermitLimit ?? 0,
        Owner?.IsDistributed ?? false,
        Volatile.Read(ref _acquired),
        Volatile.Read(ref _rejected),
        _activity.Top(topPartitions));

    /// <summary>The peak since the last call, then starts over (each collection reports its own interval).</summary>
    public double TakePeakUsage() => BitConverter.Int64BitsToDouble(Interlocked.Exchange(ref _peakUsageBits, 0));

    public void Dispose() => _metrics?.Unregister(this);

    private static string FailurePolicyTag(RedisFailurePolicy policy) => policy switch
    {
        RedisFailurePolicy.FailOpen => "fail_open",
        RedisFailurePolicy.FailClosed => "fail_closed",
        RedisFailurePolicy.FallbackToLocal => "fallback_to_local",
        _ => throw new UnreachableException(),
    };

    private void RaisePeak(double usage)
    {
        // Non-negative doubles order like their bit patterns, so a max over longs is a max over the doubles.
        var bits = BitConverter.DoubleToInt64Bits(usage);
        var current = Volatile.Read(ref _peakUsageBits);
        while (bits > current)
        {
            var seen = Interlocked.CompareExchange(ref _peakUsageBits, bits, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}

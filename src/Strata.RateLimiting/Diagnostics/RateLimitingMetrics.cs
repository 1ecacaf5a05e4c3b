using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace Strata.RateLimiting.Diagnostics;

/// <summary>
/// The instruments of the meter <c>Strata.RateLimiting</c>, shared by every limiter on the same meter (one per
/// <see cref="IMeterFactory"/>, one process-wide without), so one instrument of each name exists per meter.
/// Tags are policy names and outcomes, never partition keys.
/// </summary>
internal sealed class RateLimitingMetrics
{
    public const string MeterName = "Strata.RateLimiting";

    private static readonly ConditionalWeakTable<Meter, RateLimitingMetrics> ByMeter = new();
    private static readonly Lazy<RateLimitingMetrics> Shared = new(() => new RateLimitingMetrics(new Meter(MeterName)));

    private readonly Lock _gate = new();
    private readonly List<PolicyMetrics> _policies = [];

    private RateLimitingMetrics(Meter meter)
    {
        Requests = meter.CreateCounter<long>(
            "strata.ratelimit.requests", unit: "{request}", description: "Rate-limit decisions, by policy and result (acquired or rejected).");
        QueueDuration = meter.CreateHistogram<double>(
            "strata.ratelimit.queue.duration",
            unit: "s",
            description: "Time requests waited in a limiter's queue, by policy and result.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] });
        StoreUnavailable = meter.CreateCounter<long>(
            "strata.ratelimit.store.unavailable", unit: "{request}", description: "Decisions made without Redis because it was unreachable, by policy and failure policy.");
        meter.CreateObservableGauge(
            "strata.ratelimit.usage",
            Observe,
            unit: "1",
            description: "Per policy, the highest share of the limit in use that any decision saw since the last collection (0 to 1).");
    }

    public Counter<long> Requests { get; }

    public Histogram<double> QueueDuration { get; }

    public Counter<long> StoreUnavailable { get; }

    public static RateLimitingMetrics For(IMeterFactory? meterFactory)
    {
        if (meterFactory is null)
        {
            return Shared.Value;
        }

        // The factory returns the same Meter for the same options, so limiters of one container share instruments.
        var meter = meterFactory.Create(new MeterOptions(MeterName));
        return ByMeter.GetValue(meter, static m => new RateLimitingMetrics(m));
    }

    public void Register(PolicyMetrics policy)
    {
        lock (_gate)
        {
            _policies.Add(policy);
        }
    }

    public void Unregister(PolicyMetrics policy)
    {
        lock (_gate)
        {
            _policies.Remove(policy);
        }
    }

    public IReadOnlyList<RateLimitPolicyUsage> Usage(int topPartitions)
    {
        lock (_gate)
        {
            return _policies.ConvertAll(p => p.Usage(topPartitions));
        }
    }

    private IEnumerable<Measurement<double>> Observe()
    {
        // Several limiters may share a policy name (e.g. a Redis limiter and its local fallback); report one value per policy.
        Dictionary<string, double> peaks;
        lock (_gate)
        {
            peaks = new Dictionary<string, double>(_policies.Count, StringComparer.Ordinal);
            foreach (var policy in _policies)
            {
                var usage = policy.TakePeakUsage();
                peaks[policy.Policy] = peaks.TryGetValue(policy.Policy, out var other) ? Math.Max(other, usage) : usage;
            }
        }

        foreach (var (policy, usage) in peaks)
        {
            yield return new Measurement<double>(usage, new KeyValuePair<string, object?>("policy", policy));
        }
    }
}

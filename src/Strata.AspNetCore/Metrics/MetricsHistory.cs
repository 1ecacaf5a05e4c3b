using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Strata.AspNetCore.Metrics;

/// <summary>
/// The live dashboard's short history: every <see cref="StrataMetricsOptions.HistoryInterval"/> (on the
/// <see cref="TimeProvider"/>'s timer) a point of rates and latencies over the interval just ended, computed as
/// deltas of the collector's running totals, and a few gauges; the last <see cref="StrataMetricsOptions.HistoryCapacity"/>
/// points are kept. Started and stopped with the host by <see cref="StrataMetricsHostedService"/>.
/// </summary>
internal sealed class MetricsHistory : IDisposable, IAsyncDisposable
{
    internal const string CacheRequests = "strata.cache.requests";
    internal const string FactoryDuration = "strata.cache.factory.duration";
    internal const string L2Duration = "strata.cache.l2.duration";
    internal const string L1Bytes = "strata.cache.l1.bytes";
    internal const string L1Entries = "strata.cache.l1.entries";
    internal const string BreakerState = "strata.cache.breaker.state";
    internal const string ResponseCacheRequests = "strata.http.response_cache.requests";
    internal const string RateLimitRequests = "strata.ratelimit.requests";

    private readonly StrataMetricsCollector _collector;
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly MetricsHistoryPoint[] _points;
    private int _first;
    private int _count;
    private ITimer? _timer;
    private int _sampling;
    private HistoryTotals? _last;

    public MetricsHistory(StrataMetricsCollector collector, TimeProvider time, StrataMetricsOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(collector);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(options);
        _collector = collector;
        _time = time;
        _interval = options.HistoryInterval;
        _points = new MetricsHistoryPoint[options.HistoryCapacity];
        _logger = loggerFactory?.CreateLogger("Strata.AspNetCore.Metrics") ?? NullLogger.Instance;
    }

    /// <summary>Takes the baseline the first point is measured from, and starts the timer. Idempotent.</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_timer is not null)
            {
                return;
            }

            _last = ReadTotals();
            _timer = _time.CreateTimer(static state => ((MetricsHistory)state!).Tick(), this, _interval, _interval);
        }
    }

    /// <summary>Stops sampling; the points stay readable.</summary>
    public void Stop()
    {
        ITimer? timer;
        lock (_gate)
        {
            timer = _timer;
            _timer = null;
        }

        timer?.Dispose();
    }

    /// <summary>The points taken after <paramref name="since"/> (all kept points when null), oldest first.</summary>
    public MetricsHistorySnapshot GetHistory(DateTimeOffset? since = null)
    {
        lock (_gate)
        {
            var points = new List<MetricsHistoryPoint>(_count);
            for (var i = 0; i < _count; i++)
            {
                var point = _points[(_first + i) % _points.Length];
                if (since is null || point.Timestamp > since.Value)
                {
                    points.Add(point);
                }
            }

            return new MetricsHistorySnapshot(_interval.TotalSeconds, _points.Length, points);
        }
    }

    public void Dispose() => Stop();

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }

    /// <summary>Takes one point now (the timer's callback; tests may call it directly).</summary>
    internal void Sample()
    {
        var current = ReadTotals();
        var bytes = _collector.GetGaugeValues(L1Bytes);
        var entries = _collector.GetGaugeValues(L1Entries);
        var breaker = _collector.GetGaugeValues(BreakerState);
        lock (_gate)
        {
            if (_timer is null || _last is not { } last)
            {
                return;
            }

            var seconds = _time.GetElapsedTime(last.Timestamp, current.Timestamp).TotalSeconds;
            if (seconds <= 0)
            {
                return;
            }

            var point = new MetricsHistoryPoint(
                _time.GetUtcNow(),
                seconds,
                ReadRates(current, last, seconds),
                HitRatios(current, last),
                ResultRates(current.ResponseCache, last.ResponseCache, seconds),
                current.Factory?.Since(last.Factory).ToQuantiles() ?? HistogramQuantiles.Empty,
                current.L2?.Since(last.L2).ToQuantiles() ?? HistogramQuantiles.Empty,
                bytes.Count == 0 ? null : (long)bytes.Sum(static r => r.Value),
                entries.Count == 0 ? null : (long)entries.Sum(static r => r.Value),
                breaker.Count == 0 ? null : (int)breaker.Max(static r => r.Value),
                ResultRates(current.RateLimit, last.RateLimit, seconds));
            Append(point);
            _last = current;
        }
    }

    private static List<ReadRate> ReadRates(HistoryTotals current, HistoryTotals last, double seconds)
    {
        var rates = new List<ReadRate>(current.Reads.Count);
        foreach (var ((tier, result), total) in current.Reads)
        {
            rates.Add(new ReadRate(tier, result, (total - last.Reads.GetValueOrDefault((tier, result))) / seconds));
        }

        rates.Sort(static (a, b) =>
        {
            var byTier = string.CompareOrdinal(a.Tier, b.Tier);
            return byTier != 0 ? byTier : string.CompareOrdinal(a.Result, b.Result);
        });
        return rates;
    }

    private static List<TierHitRatio> HitRatios(HistoryTotals current, HistoryTotals last)
    {
        var tiers = new SortedDictionary<string, (double Served, double All)>(StringComparer.Ordinal);
        foreach (var ((tier, result), total) in current.Reads)
        {
            var delta = total - last.Reads.GetValueOrDefault((tier, result));
            var (served, all) = tiers.GetValueOrDefault(tier);
            var answered = result is "hit" or "stale";
            tiers[tier] = (answered ? served + delta : served, all + delta);
        }

        return [.. tiers.Select(static t => new TierHitRatio(t.Key, t.Value.All > 0 ? t.Value.Served / t.Value.All : null))];
    }

    private static List<ResultRate> ResultRates(IReadOnlyDictionary<string, double> current, IReadOnlyDictionary<string, double> last, double seconds)
    {
        var rates = new List<ResultRate>(current.Count);
        foreach (var (result, total) in current)
        {
            rates.Add(new ResultRate(result, (total - last.GetValueOrDefault(result)) / seconds));
        }

        rates.Sort(static (a, b) => string.CompareOrdinal(a.Result, b.Result));
        return rates;
    }

    private void Tick()
    {
        // A real timer can fire again while a slow sample still runs; that tick is skipped, not queued.
        if (Interlocked.Exchange(ref _sampling, 1) == 1)
        {
            return;
        }

        try
        {
            Sample();
        }
#pragma warning disable CA1031 // An exception escaping a timer callback would crash the process; one lost point would not.
        catch (Exception error)
#pragma warning restore CA1031
        {
            MetricsLog.HistorySampleFailed(_logger, error);
        }
        finally
        {
            Volatile.Write(ref _sampling, 0);
        }
    }

    private HistoryTotals ReadTotals()
    {
        var reads = new Dictionary<(string Tier, string Result), double>();
        foreach (var tier in _collector.GetCounterTotalsBy(CacheRequests, "tier").Keys)
        {
            foreach (var (result, total) in _collector.GetCounterTotalsBy(CacheRequests, "result", ("tier", tier)))
            {
                reads[(tier, result)] = total;
            }
        }

        return new HistoryTotals(
            _time.GetTimestamp(),
            reads,
            _collector.GetCounterTotalsBy(ResponseCacheRequests, "result"),
            _collector.GetCounterTotalsBy(RateLimitRequests, "result"),
            _collector.GetHistogram(FactoryDuration),
            _collector.GetHistogram(L2Duration));
    }

    private void Append(MetricsHistoryPoint point)
    {
        if (_count < _points.Length)
        {
            _points[(_first + _count) % _points.Length] = point;
            _count++;
        }
        else
        {
            _points[_first] = point;
            _first = (_first + 1) % _points.Length;
        }
    }

}

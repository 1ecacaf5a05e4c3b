using System.Threading.RateLimiting;
using Strata.RateLimiting;

namespace TravelDesk.Supplier.Limits;

/// <summary>
/// The supplier's own limit on searches, shared by every caller: a Strata sliding-window log in memory on the injected
/// clock, so it is exact over any sliding minute (a fixed window would allow twice the limit across a boundary).
/// Also tracks the busiest minute it admitted, which is how tests and demos show the limit was never exceeded.
/// </summary>
internal sealed class SearchLimiter : IDisposable
{
    private const string Partition = "searches";
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private readonly StrataPartitionedRateLimiter _limiter;
    private readonly SlidingWindowPeak _peak = new(Window.Ticks);
    private readonly TimeProvider _time;
    private readonly long _origin;

    public SearchLimiter(int searchesPerMinute, TimeProvider time)
    {
        _time = time;
        _origin = time.GetTimestamp();
        _limiter = StrataRateLimiter.CreateSlidingWindowLog(new SlidingWindowLogRateLimiterOptions
        {
            PolicyName = "supplier-searches",
            PermitLimit = searchesPerMinute,
            Window = Window,
            TimeProvider = time,
        });
        SearchesPerMinute = searchesPerMinute;
    }

    public int SearchesPerMinute { get; }

    public int MaxSearchesInAnyMinute
    {
        get
        {
            lock (_gate)
            {
                return _peak.Peak;
            }
        }
    }

    public SearchAdmission TryAdmit()
    {
        // One lock around decision and record: admissions reach the peak tracker in the order the limiter saw them.
        lock (_gate)
        {
            using var lease = _limiter.AttemptAcquire(Partition);
            if (lease.IsAcquired)
            {
                _peak.Record(_time.GetElapsedTime(_origin).Ticks);
                return new SearchAdmission(true, 0);
            }

            var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : Window;
            // Retry-After is whole seconds: round up, so a caller that waits exactly that long is admitted.
            var seconds = (int)Math.Max(1, (retryAfter.Ticks + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond);
            return new SearchAdmission(false, seconds);
        }
    }

    public void ResetPeak()
    {
        lock (_gate)
        {
            _peak.ResetPeak();
        }
    }

    public void Dispose() => _limiter.Dispose();
}

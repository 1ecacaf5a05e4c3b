using System.Diagnostics.Metrics;

namespace Strata.AspNetCore;

/// <summary>
/// Options of the in-process metrics collector behind <c>/metrics</c>, the admin API and the dashboard
/// (see <see cref="StrataMetricsServiceCollectionExtensions.AddStrataMetrics(Microsoft.Extensions.DependencyInjection.IServiceCollection, Action{StrataMetricsOptions})"/>).
/// </summary>
/// <remarks>
/// The meters <c>Strata</c>, <c>Strata.RateLimiting</c>, <c>Strata.RateLimiting.Http</c> and <c>Strata.AspNetCore</c>
/// are always collected. Only meters created by this application's <see cref="IMeterFactory"/> are collected, so
/// several hosts in one process (tests) never see each other's measurements; see <see cref="IncludeUnscopedMeters"/>.
/// </remarks>
public sealed class StrataMetricsOptions
{
    /// <summary>Names of further meters to collect, e.g. the application's own. Default: none.</summary>
    public IList<string> AdditionalMeters { get; } = [];

    /// <summary>
    /// Also collects a meter when this returns true (in addition to the built-in and <see cref="AdditionalMeters"/>
    /// names). Called once per instrument when it is created. Default: null (no extra meters).
    /// </summary>
    public Func<Meter, bool>? MeterFilter { get; set; }

    /// <summary>
    /// Also collects matching meters created with <c>new Meter(...)</c> rather than through <see cref="IMeterFactory"/>
    /// (their <see cref="Meter.Scope"/> is null). Such meters are process-wide: every host in the process would
    /// report them. Default: false.
    /// </summary>
    public bool IncludeUnscopedMeters { get; set; }

    /// <summary>
    /// Distinct tag sets kept per instrument; past it, new tag sets are added up in one series labelled
    /// <c>otel_metric_overflow="true"</c> (OpenTelemetry's cardinality limit). Default: 2000. At least 1.
    /// </summary>
    public int MaxSeriesPerInstrument { get; set; } = 2000;

    /// <summary>Whether the dashboard history is sampled. Default: true.</summary>
    public bool EnableHistory { get; set; } = true;

    /// <summary>Time between two history points. Default: 1 second. From 10 ms to 1 hour.</summary>
    public TimeSpan HistoryInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>History points kept (the oldest are dropped). Default: 300 (five minutes at one per second). 1 to 100 000.</summary>
    public int HistoryCapacity { get; set; } = 300;
}

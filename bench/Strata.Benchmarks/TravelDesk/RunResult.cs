namespace Strata.Benchmarks.TravelDesk;

/// <summary>One run of <see cref="TravelDeskLoadRunner"/>: every outcome and the services' counters over the run.</summary>
/// <param name="Name">cache_off, cache_on or cache_on_redis.</param>
/// <param name="Outcomes">In workload order.</param>
/// <param name="Wall">From the first request sent to the last answer read.</param>
/// <param name="SupplierCalls">Calls the supplier received during the run.</param>
/// <param name="SupplierCallsBefore">Calls it had received before (TravelDesk's start-up warm-up).</param>
/// <param name="SupplierRateLimited">Calls it refused during the run (should be 0: its limit is raised).</param>
/// <param name="DatabaseQueries">SQL statements TravelDesk ran during the run.</param>
internal sealed record RunResult(
    string Name, RequestOutcome[] Outcomes, TimeSpan Wall, long SupplierCalls, long SupplierCallsBefore, long SupplierRateLimited, double DatabaseQueries)
{
    public double RequestsPerSecond => Outcomes.Length / Wall.TotalSeconds;

    public double P50 => OutcomeStats.PercentileMs(Outcomes, 50);

    public double Mean => Outcomes.Length == 0 ? 0 : Outcomes.Average(static o => o.Milliseconds);

    /// <summary>The share of answers faster than <paramref name="milliseconds"/>.</summary>
    public double ShareUnder(double milliseconds) => Outcomes.Length == 0 ? 0 : (double)Outcomes.Count(o => o.Milliseconds < milliseconds) / Outcomes.Length;

    public double P95 => OutcomeStats.PercentileMs(Outcomes, 95);

    public double P99 => OutcomeStats.PercentileMs(Outcomes, 99);

    public double HitRatio => OutcomeStats.HitRatio(Outcomes);

    public double SearchHitRatio => OutcomeStats.HitRatio(Outcomes.Where(static o => o.Request.Kind.IsSearch()));

    public double ResourceHitRatio => OutcomeStats.HitRatio(Outcomes.Where(static o => !o.Request.Kind.IsSearch()));

    public IReadOnlyList<RequestOutcome> Errors { get; } = [.. Outcomes.Where(static o => !o.Succeeded)];
}

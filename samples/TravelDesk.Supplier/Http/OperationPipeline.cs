using TravelDesk.Supplier.Diagnostics;
using TravelDesk.Supplier.Faults;
using TravelDesk.Supplier.Latency;
using TravelDesk.Supplier.Limits;
using TravelDesk.Supplier.Stats;

namespace TravelDesk.Supplier.Http;

/// <summary>
/// What every operation goes through, in this order:
/// <list type="number">
/// <item>count the request;</item>
/// <item>bad parameters: 400 (checked at the door, before anything is metered or can fail);</item>
/// <item>searches only: the supplier's rate limit, 429 with <c>Retry-After</c> (before faults, like a real supplier,
/// which counts a call against the quota whether or not its back end then fails, and runs nothing for it);</item>
/// <item>outage: 503 at once (nothing behind the front door answers);</item>
/// <item>the simulated latency, then the random error draw: 503 (a back end that fails does so after working a while);</item>
/// <item>the answer: 200, or 404 for an unknown code in a lookup.</item>
/// </list>
/// </summary>
internal sealed class OperationPipeline(
    SupplierCounters counters,
    SearchLimiter limiter,
    FaultInjector faults,
    LatencySimulator latency,
    ILoggerFactory loggerFactory)
{
    private readonly ILogger _logger = loggerFactory.CreateLogger(SupplierLog.Category);

    public async Task<IResult> RunAsync(
        SupplierOperation operation,
        HttpContext context,
        QueryReader? parameters,
        Func<IResult> answer)
    {
        var counter = counters[operation];
        counter.Received();
        if (parameters is { HasErrors: true })
        {
            return ProblemResults.BadRequest(parameters.Errors);
        }

        if (operation.IsSearch())
        {
            var admission = limiter.TryAdmit();
            if (!admission.Admitted)
            {
                counter.RateLimited();
                SupplierLog.SearchRejected(_logger, operation.Name(), limiter.SearchesPerMinute, admission.RetryAfterSeconds);
                return ProblemResults.TooManySearches(context, limiter.SearchesPerMinute, admission.RetryAfterSeconds);
            }
        }

        if (faults.Outage)
        {
            counter.Failed();
            SupplierLog.SimulatedFailure(_logger, operation.Name(), "outage");
            return ProblemResults.Unavailable(outage: true);
        }

        await latency.DelayAsync(operation, context.RequestAborted).ConfigureAwait(false);
        if (faults.NextFails())
        {
            counter.Failed();
            SupplierLog.SimulatedFailure(_logger, operation.Name(), "error rate");
            return ProblemResults.Unavailable(outage: false);
        }

        var result = answer();
        counter.Served();
        return result;
    }
}

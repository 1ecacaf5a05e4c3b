using Strata.RateLimiting.Leases;
using Strata.RateLimiting.Memory;

namespace Strata.RateLimiting.Concurrency;

/// <summary>
/// The concurrency limit in memory. A rejection has no retry-after: nobody knows when a holder lets go. In one process
/// a lease cannot outlive its holder, so there is no time to live here (that is Redis's problem, solved there).
/// </summary>
internal sealed class ConcurrencyAlgorithm(int permitLimit) : IMemoryAlgorithm<ConcurrencyState>
{
    public long PermitLimit { get; } = permitLimit;

    public bool ReleasesOnDispose => true;

    public ConcurrencyState CreateState() => new();

    public RateLimitDecision Decide(ConcurrencyState state, int permits, bool commit)
    {
        if (state.InUse + permits <= PermitLimit)
        {
            if (commit)
            {
                state.InUse += permits;
            }

            return new RateLimitDecision(true, PermitLimit - state.InUse - (commit ? 0 : permits), TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);
        }

        return new RateLimitDecision(false, PermitLimit - state.InUse, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);
    }

    public RateLimitDecision Peek(ConcurrencyState state) =>
        new(true, PermitLimit - state.InUse, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);

    public void Release(ConcurrencyState state, int permits) => state.InUse -= permits;

    public bool IsIdle(ConcurrencyState state) => state.InUse == 0;
}

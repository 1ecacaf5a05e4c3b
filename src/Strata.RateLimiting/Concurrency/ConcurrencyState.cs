namespace Strata.RateLimiting.Concurrency;

/// <summary>A partition's permits in use.</summary>
internal sealed class ConcurrencyState
{
    public long InUse { get; set; }
}

namespace Strata.RateLimiting.Quota;

/// <summary>A partition's count in the window that started at <see cref="WindowStartTicks"/> (UTC ticks).</summary>
internal sealed class QuotaState
{
    public long WindowStartTicks { get; set; } = long.MinValue;

    public long Count { get; set; }
}

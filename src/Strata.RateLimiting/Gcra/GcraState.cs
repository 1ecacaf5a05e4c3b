namespace Strata.RateLimiting.Gcra;

/// <summary>A partition's theoretical arrival time, in ticks times the permit limit (so each permit costs a whole number: the window's ticks).</summary>
internal sealed class GcraState
{
    public Int128 ScaledTat { get; set; } = Int128.MinValue;
}

namespace TravelDesk.Supplier;

/// <summary>The simulated response time of one operation, in milliseconds, before <see cref="SupplierOptions.LatencyScale"/>.</summary>
public sealed class OperationLatencyOptions
{
    /// <summary>Creates options of 0 ms (set <see cref="MinMs"/> and <see cref="MaxMs"/>); the configuration binder needs this.</summary>
    public OperationLatencyOptions()
    {
    }

    /// <summary>Creates options drawing from [<paramref name="minMs"/>, <paramref name="maxMs"/>], log-normally.</summary>
    public OperationLatencyOptions(int minMs, int maxMs)
    {
        MinMs = minMs;
        MaxMs = maxMs;
    }

    /// <summary>The shortest response time. At least 0. Default: per operation (see <see cref="SupplierLatencyOptions"/>).</summary>
    public int MinMs { get; set; }

    /// <summary>The longest response time. At least <see cref="MinMs"/>, at most 600,000. Default: per operation.</summary>
    public int MaxMs { get; set; }

    /// <summary>How durations are drawn between the two. Default <see cref="LatencyDistribution.LogNormal"/>.</summary>
    public LatencyDistribution Distribution { get; set; } = LatencyDistribution.LogNormal;
}

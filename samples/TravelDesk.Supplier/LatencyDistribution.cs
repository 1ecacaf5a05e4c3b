namespace TravelDesk.Supplier;

/// <summary>How a simulated response time is drawn between an operation's minimum and maximum.</summary>
public enum LatencyDistribution
{
    /// <summary>Every duration in [min, max] equally likely.</summary>
    Uniform,

    /// <summary>
    /// Log-normal with its median at the geometric mean of min and max (σ so that min and max sit two σ either side),
    /// clamped to [min, max]: most calls near the median, a tail of slow ones, as real services behave.
    /// </summary>
    LogNormal,
}

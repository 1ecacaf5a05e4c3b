namespace TravelDesk.Configuration;

/// <summary>Section <c>TravelDesk:Supplier</c>: where the supplier is and how hard TravelDesk may call it.</summary>
public sealed class SupplierConnectionOptions
{
    /// <summary>
    /// The supplier's base URL (e.g. <c>http://127.0.0.1:5090</c>, a supplier started as its own process and shared by
    /// several TravelDesk instances). Empty (the default): TravelDesk hosts the simulated supplier itself, in process,
    /// on a free loopback port, configured by the <c>Supplier</c> section.
    /// </summary>
    public string? Url { get; set; }

    /// <summary>
    /// Searches per minute TravelDesk allows itself towards the supplier, across every instance when Redis is
    /// configured. Default 110: under the supplier's own 120 so request transit time can never tip it into 429s.
    /// </summary>
    public int SearchesPerMinute { get; set; } = 110;

    /// <summary>How long a search may wait for the outgoing limiter before it fails (or serves stale). Default 5 s.</summary>
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The HTTP timeout of one supplier call. Default 10 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}

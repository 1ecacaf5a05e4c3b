namespace TravelDesk.Supplier;

/// <summary>
/// Simulated response times per operation (configuration <c>Supplier:Latency:Flights:MinMs</c> and so on). Searches
/// are slow and lookups fast, like a real supplier: the point of caching in front of it.
/// </summary>
public sealed class SupplierLatencyOptions
{
    /// <summary><c>GET /flights/search</c>. Default 300–1200 ms.</summary>
    public OperationLatencyOptions Flights { get; set; } = new(300, 1200);

    /// <summary><c>GET /hotels/search</c>. Default 200–800 ms.</summary>
    public OperationLatencyOptions Hotels { get; set; } = new(200, 800);

    /// <summary><c>GET /activities/search</c>. Default 150–600 ms.</summary>
    public OperationLatencyOptions Activities { get; set; } = new(150, 600);

    /// <summary><c>GET /weather/{city}</c>. Default 20–80 ms.</summary>
    public OperationLatencyOptions Weather { get; set; } = new(20, 80);

    /// <summary><c>GET /rates/{from}/{to}</c>. Default 20–80 ms.</summary>
    public OperationLatencyOptions Rates { get; set; } = new(20, 80);

    /// <summary><c>GET /airports</c> and <c>GET /airports/{code}</c>. Default 20–80 ms.</summary>
    public OperationLatencyOptions Airports { get; set; } = new(20, 80);

    /// <summary><c>GET /airlines</c>. Default 20–80 ms.</summary>
    public OperationLatencyOptions Airlines { get; set; } = new(20, 80);

    /// <summary><c>GET /cities</c>. Default 20–80 ms.</summary>
    public OperationLatencyOptions Cities { get; set; } = new(20, 80);
}

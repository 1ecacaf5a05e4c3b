namespace TravelDesk.Supplier;

/// <summary>
/// Settings of the simulated supplier, bound from the configuration section <see cref="Section"/> (<c>Supplier</c>):
/// appsettings.json, <c>SUPPLIER__SEED=7</c>-style environment variables or <c>--Supplier:Seed 7</c>. Validated at
/// start-up; a bad value stops the supplier with a message naming the setting.
/// </summary>
public sealed class SupplierOptions
{
    /// <summary>The configuration section: <c>Supplier</c>.</summary>
    public const string Section = "Supplier";

    /// <summary>
    /// Seeds every generated answer (same seed and query, same answer, in any process) and the random draws of
    /// latency and errors. Any integer. Default 42.
    /// </summary>
    public int Seed { get; set; } = 42;

    /// <summary>
    /// The supplier's own limit on searches (flights + hotels + activities) per sliding minute, across all callers;
    /// beyond it the answer is 429 with <c>Retry-After</c>. 1 to 1,000,000. Default 120.
    /// </summary>
    public int SearchesPerMinute { get; set; } = 120;

    /// <summary>The share of requests (0–1) answered 503 as a simulated failure. Changeable at run time (<c>POST /control</c>). Default 0.02.</summary>
    public double ErrorRate { get; set; } = 0.02;

    /// <summary>Starts the supplier in an outage: every request 503 until <c>POST /control</c> ends it. Default false.</summary>
    public bool Outage { get; set; }

    /// <summary>
    /// Multiplies every simulated response time: 0 answers at once (tests, benchmarks of the caller), 0.1 is ten
    /// times faster. 0 to 100. Default 1.
    /// </summary>
    public double LatencyScale { get; set; } = 1.0;

    /// <summary>Response times per operation. Defaults: searches 150–1200 ms, lookups 20–80 ms (see <see cref="SupplierLatencyOptions"/>).</summary>
    public SupplierLatencyOptions Latency { get; set; } = new();

    /// <summary>
    /// Copies every setting into <paramref name="target"/>, deeply, so a host's later changes to the instance it passed
    /// in do not reach a running supplier.
    /// </summary>
    internal void CopyTo(SupplierOptions target)
    {
        target.Seed = Seed;
        target.SearchesPerMinute = SearchesPerMinute;
        target.ErrorRate = ErrorRate;
        target.Outage = Outage;
        target.LatencyScale = LatencyScale;
        target.Latency = Latency is null
            ? null!
            : new SupplierLatencyOptions
            {
                Flights = Copy(Latency.Flights),
                Hotels = Copy(Latency.Hotels),
                Activities = Copy(Latency.Activities),
                Weather = Copy(Latency.Weather),
                Rates = Copy(Latency.Rates),
                Airports = Copy(Latency.Airports),
                Airlines = Copy(Latency.Airlines),
                Cities = Copy(Latency.Cities),
            };
    }

    // Null stays null: the validator names the missing section rather than a copy hiding it.
    private static OperationLatencyOptions Copy(OperationLatencyOptions? source) => source is null
        ? null!
        : new OperationLatencyOptions(source.MinMs, source.MaxMs) { Distribution = source.Distribution };
}

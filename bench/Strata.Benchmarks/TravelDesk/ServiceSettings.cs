using System.Globalization;

namespace Strata.Benchmarks.TravelDesk;

/// <summary>The command lines the runners start the sample services with.</summary>
internal static class ServiceSettings
{
    /// <summary>What the supplier prints once it listens.</summary>
    public const string SupplierReady = "Travel supplier listening on";

    /// <summary>What TravelDesk prints once it listens.</summary>
    public const string TravelDeskReady = "TravelDesk is listening on";

    /// <summary>
    /// The supplier for a measurement: its search limit out of the way (the benchmark measures caching, not 429s), no
    /// injected errors (so the cache-off and cache-on runs do the same work), a fixed seed.
    /// </summary>
    public static string[] Supplier(double latencyScale) =>
    [
        "--Supplier:SearchesPerMinute=1000000",
        "--Supplier:ErrorRate=0",
        "--Supplier:Seed=42",
        string.Create(CultureInfo.InvariantCulture, $"--Supplier:LatencyScale={latencyScale}"),
    ];

    /// <summary>
    /// TravelDesk against <paramref name="supplier"/>: its outgoing limit and the search quota at their maxima (neither
    /// may queue or refuse a benchmark request), its own SQLite file, warnings only in its output.
    /// </summary>
    public static List<string> TravelDesk(bool cacheEnabled, Uri supplier, string databaseFile, string adminKey, int? redisPort, string keyPrefix)
    {
        var arguments = new List<string>
        {
            "--TravelDesk:CacheEnabled=" + (cacheEnabled ? "true" : "false"),
            "--TravelDesk:Supplier:Url=" + supplier.GetLeftPart(UriPartial.Authority),
            "--TravelDesk:Supplier:SearchesPerMinute=100000",
            "--TravelDesk:Quota:SearchesPerDay=100000000",
            "--TravelDesk:Database:ConnectionString=Data Source=" + databaseFile,
            "--Strata:Admin:ApiKey=" + adminKey,
            "--Strata:KeyPrefix=" + keyPrefix,
            "--Logging:LogLevel:Default=Warning",
        };
        if (redisPort is { } port)
        {
            arguments.Add(string.Create(CultureInfo.InvariantCulture, $"--Strata:Redis=redis://127.0.0.1:{port}"));
        }

        return arguments;
    }
}

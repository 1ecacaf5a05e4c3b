using System.Globalization;

namespace Strata.Benchmarks.Http;

/// <summary>
/// What the benchmark server reports on <c>/_stats</c> (one line of <c>name=value</c> pairs): the requests it received
/// (<c>/_stats</c> included), the upstream's calls,
/// the server process's CPU time, allocations and collections, and the Strata engine's counters (zero without
/// Strata). Two readings around a measurement give the server's cost per request, apart from the load generator's.
/// </summary>
internal readonly record struct HttpServerStats(
    long Requests,
    long UpstreamCalls,
    long CpuMicroseconds,
    long AllocatedBytes,
    long Gen0Collections,
    long Gen2Collections,
    long L1Hits,
    long L2Hits,
    long Misses)
{
    public string ToLine() => string.Create(
        CultureInfo.InvariantCulture,
        $"requests={Requests} upstream={UpstreamCalls} cpu_us={CpuMicroseconds} allocated={AllocatedBytes} gen0={Gen0Collections} gen2={Gen2Collections} l1_hits={L1Hits} l2_hits={L2Hits} misses={Misses}");

    /// <exception cref="FormatException">The line is not what <see cref="ToLine"/> writes.</exception>
    public static HttpServerStats Parse(string line)
    {
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var pair in line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || !long.TryParse(pair.AsSpan(equals + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                throw new FormatException($"Unexpected /_stats line: '{line}'.");
            }

            values[pair[..equals]] = value;
        }

        long Get(string name) => values.TryGetValue(name, out var value) ? value : throw new FormatException($"/_stats lacks {name}: '{line}'.");
        return new HttpServerStats(Get("requests"), Get("upstream"), Get("cpu_us"), Get("allocated"), Get("gen0"), Get("gen2"), Get("l1_hits"), Get("l2_hits"), Get("misses"));
    }

    public static HttpServerStats operator -(HttpServerStats a, HttpServerStats b) => new(
        a.Requests - b.Requests,
        a.UpstreamCalls - b.UpstreamCalls,
        a.CpuMicroseconds - b.CpuMicroseconds,
        a.AllocatedBytes - b.AllocatedBytes,
        a.Gen0Collections - b.Gen0Collections,
        a.Gen2Collections - b.Gen2Collections,
        a.L1Hits - b.L1Hits,
        a.L2Hits - b.L2Hits,
        a.Misses - b.Misses);
}

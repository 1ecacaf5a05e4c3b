using System.Globalization;

namespace Strata.Benchmarks.Load;

/// <summary>What one <c>resp-load</c> run measured.</summary>
internal readonly record struct RespLoadResult(string Operation, int Clients, long Operations, TimeSpan Elapsed, TimeSpan ProcessorTime)
{
    public double OperationsPerSecond => Operations / Elapsed.TotalSeconds;

    /// <summary>
    /// CPU time of the whole client process (every thread) per operation: less sensitive than throughput to other
    /// load on the machine, and what the client costs the application.
    /// </summary>
    public double ProcessorMicrosecondsPerOperation => Operations == 0 ? 0 : ProcessorTime.TotalMicroseconds / Operations;

    /// <summary>One line of <c>name=value</c> pairs; scripts read <c>ops_per_sec</c>.</summary>
    public string ToLine() => string.Create(
        CultureInfo.InvariantCulture,
        $"ops_per_sec={OperationsPerSecond:F1} ops={Operations} seconds={Elapsed.TotalSeconds:F3} clients={Clients} op={Operation} cpu_us_per_op={ProcessorMicrosecondsPerOperation:F2}");
}

using System.Globalization;

using Strata.Benchmarks.Load;

namespace Strata.Benchmarks.TravelDesk;

/// <summary>
/// The settings of <c>traveldesk-load</c> (and the shared ones of <c>traveldesk-demo</c>), from <c>--name value</c>
/// pairs. The sample binaries are found in the repository's Release output unless given.
/// </summary>
internal sealed class TravelDeskLoadOptions
{
    /// <summary>Requests per run. Default 3000.</summary>
    public int Requests { get; private set; } = 3000;

    /// <summary>
    /// Requests sent before the measured ones, from the same sequence, and not counted: a service that has been up a
    /// while has its popular keys cached, and the seeds' claims are about that state. Default 1000; 0 measures a cold
    /// start.
    /// </summary>
    public int Warmup { get; private set; } = 1000;

    /// <summary>Requests in flight (one connection each). Default 16.</summary>
    public int Concurrency { get; private set; } = 16;

    /// <summary>Seeds the workload (key popularity and request sequence). Default 42.</summary>
    public int Seed { get; private set; } = 42;

    /// <summary>The supplier's <c>Supplier:LatencyScale</c>: 1.0 is its default latency, 0.1 ten times faster. Default 1.0.</summary>
    public double LatencyScale { get; private set; } = 1.0;

    /// <summary>A redis-server on loopback; when given, a third run uses it as L2. Default none.</summary>
    public int? RedisPort { get; private set; }

    /// <summary>TravelDesk.dll; default <c>samples/TravelDesk/bin/Release/net10.0/TravelDesk.dll</c> of this repository.</summary>
    public string TravelDeskAssembly { get; private set; } = SampleBinaries.TravelDesk;

    /// <summary>TravelDesk.Supplier.dll; default the Release output of <c>samples/TravelDesk.Supplier</c>.</summary>
    public string SupplierAssembly { get; private set; } = SampleBinaries.Supplier;

    /// <exception cref="ArgumentException">An argument is unknown, missing its value, or out of range.</exception>
    public static TravelDeskLoadOptions Parse(ReadOnlySpan<string> args)
    {
        var options = new TravelDeskLoadOptions();
        foreach (var (name, value) in Arguments.Pairs(args))
        {
            switch (name)
            {
                case "--requests":
                    options.Requests = Arguments.Int(name, value, 1, 10_000_000);
                    break;
                case "--warmup":
                    options.Warmup = Arguments.Int(name, value, 0, 10_000_000);
                    break;
                case "--concurrency":
                    options.Concurrency = Arguments.Int(name, value, 1, 1024);
                    break;
                case "--seed":
                    options.Seed = Arguments.Int(name, value, 0, int.MaxValue);
                    break;
                case "--latency-scale":
                    options.LatencyScale = double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var scale) && scale is >= 0 and <= 100
                        ? scale
                        : throw new ArgumentException($"--latency-scale must be a number in 0-100 (was '{value}').");
                    break;
                case "--redis-port":
                    options.RedisPort = Arguments.Int(name, value, 1, 65535);
                    break;
                case "--traveldesk":
                    options.TravelDeskAssembly = Path.GetFullPath(value);
                    break;
                case "--supplier":
                    options.SupplierAssembly = Path.GetFullPath(value);
                    break;
                default:
                    throw new ArgumentException($"unknown argument '{name}'.");
            }
        }

        foreach (var assembly in new[] { options.TravelDeskAssembly, options.SupplierAssembly })
        {
            if (!File.Exists(assembly))
            {
                throw new ArgumentException(
                    $"{assembly} does not exist: build the samples first (dotnet build samples/TravelDesk -c Release).");
            }
        }

        return options;
    }

}

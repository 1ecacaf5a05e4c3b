using System.Buffers;
using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Strata.AspNetCore.Metrics;

namespace Strata.AspNetCore.Tests.Metrics;

/// <summary>A container with the collector and a meter of its own factory, for tests that need no web host.</summary>
internal sealed class CollectorScope : IDisposable
{
    public const string MeterName = "Strata.Tests.App";

    private readonly ServiceProvider _provider;

    public CollectorScope(Action<StrataMetricsOptions>? configure = null)
    {
        _provider = new ServiceCollection()
            .AddStrataMetrics(options =>
            {
                options.AdditionalMeters.Add(MeterName);
                configure?.Invoke(options);
            })
            .BuildServiceProvider();
        Collector = _provider.GetRequiredService<StrataMetricsCollector>();
        MeterFactory = _provider.GetRequiredService<IMeterFactory>();
        Meter = MeterFactory.Create(MeterName);
    }

    public StrataMetricsCollector Collector { get; }

    public IMeterFactory MeterFactory { get; }

    public Meter Meter { get; }

    /// <summary>The exposition as a scrape would write it, parsed (so every test also checks the format).</summary>
    public PrometheusScrape Scrape() => PrometheusTextParser.Parse(ScrapeText());

    public string ScrapeText()
    {
        Collector.ObserveAll();
        var buffer = new ArrayBufferWriter<byte>();
        foreach (var family in Collector.Families)
        {
            PrometheusExporter.WriteFamily(buffer, family);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public void Dispose() => _provider.Dispose();
}

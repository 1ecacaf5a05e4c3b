using System.Diagnostics.Metrics;

namespace Strata.AspNetCore.Invalidation;

/// <summary>
/// <c>strata.http.invalidations{source=endpoint|rule, kind=tag|namespace}</c> on the meter <c>Strata.AspNetCore</c>.
/// Tag and namespace names are never instrument tags: they are unbounded (<c>trip:7</c>).
/// </summary>
internal sealed class InvalidationMetrics : IDisposable
{
    public const string MeterName = "Strata.AspNetCore";

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _invalidations;

    public InvalidationMetrics(IMeterFactory? meterFactory)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(new MeterOptions(MeterName)) ?? new Meter(MeterName);
        _invalidations = _meter.CreateCounter<long>(
            "strata.http.invalidations",
            unit: "{invalidation}",
            description: "Tags and namespaces invalidated after successful HTTP requests, by source (endpoint, rule) and kind (tag, namespace).");
    }

    public void Invalidated(InvalidationSource source, InvalidationKind kind)
    {
        if (_invalidations.Enabled)
        {
            _invalidations.Add(
                1,
                new KeyValuePair<string, object?>("source", source == InvalidationSource.Endpoint ? "endpoint" : "rule"),
                new KeyValuePair<string, object?>("kind", kind == InvalidationKind.Tag ? "tag" : "namespace"));
        }
    }

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}

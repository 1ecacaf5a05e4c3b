using System.Diagnostics.Metrics;

namespace TravelDesk.Data.Diagnostics;

/// <summary>The database's instruments. Owns the meter only when no factory provided it (a factory disposes its own).</summary>
internal sealed class DatabaseMetrics : IDisposable
{
    private readonly Meter? _ownedMeter;
    private readonly Counter<long> _queries;

    public DatabaseMetrics(IMeterFactory? meterFactory)
    {
        Meter meter;
        if (meterFactory is null)
        {
            meter = _ownedMeter = new Meter(TravelDeskDatabase.MeterName);
        }
        else
        {
            meter = meterFactory.Create(new MeterOptions(TravelDeskDatabase.MeterName));
        }

        _queries = meter.CreateCounter<long>(
            TravelDeskDatabase.QueriesInstrumentName,
            unit: "{statement}",
            description: "SQL statements executed by TravelDesk's queries, tagged with the query method.");
    }

    public void RecordQuery(string operation)
    {
        // Building the tag costs nothing when no listener is attached; skip it entirely then.
        if (_queries.Enabled)
        {
            _queries.Add(1, new KeyValuePair<string, object?>("operation", operation));
        }
    }

    public void Dispose() => _ownedMeter?.Dispose();
}

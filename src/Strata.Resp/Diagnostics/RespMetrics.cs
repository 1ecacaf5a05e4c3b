using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Strata.Resp.Diagnostics;

/// <summary>
/// The client's instruments, on the meter <c>Strata.Resp</c>. Tags are command names only, never keys.
/// </summary>
internal sealed class RespMetrics : IDisposable
{
    /// <summary>The meter name to listen to.</summary>
    public const string MeterName = "Strata.Resp";

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _reconnects;
    private readonly Counter<long> _timeouts;
    private readonly Counter<long> _bytesSent;
    private readonly Counter<long> _bytesReceived;
    private readonly Counter<long> _redirects;
    private readonly Counter<long> _topologyRefreshes;

    public RespMetrics(IMeterFactory? meterFactory, Func<int> inFlight)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(new MeterOptions(MeterName)) ?? new Meter(MeterName);
        _duration = _meter.CreateHistogram<double>(
            "strata.resp.operation.duration",
            unit: "s",
            description: "Time from queuing a command to reading its reply.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });
        _meter.CreateObservableGauge(
            "strata.resp.operations.in_flight",
            inFlight,
            unit: "{command}",
            description: "Commands written and waiting for their reply.");
        _reconnects = _meter.CreateCounter<long>("strata.resp.reconnects", unit: "{reconnect}", description: "Connections re-established after a failure.");
        _timeouts = _meter.CreateCounter<long>("strata.resp.timeouts", unit: "{command}", description: "Commands whose caller stopped waiting at the timeout.");
        _bytesSent = _meter.CreateCounter<long>("strata.resp.io.sent", unit: "By", description: "Bytes written to the server.");
        _bytesReceived = _meter.CreateCounter<long>("strata.resp.io.received", unit: "By", description: "Bytes read from the server.");
        _redirects = _meter.CreateCounter<long>("strata.resp.cluster.redirects", unit: "{redirect}", description: "MOVED and ASK redirects followed (tag kind).");
        _topologyRefreshes = _meter.CreateCounter<long>("strata.resp.cluster.topology_refreshes", unit: "{refresh}", description: "Cluster slot maps loaded.");
    }

    // Takes the start, not the elapsed time, so the clock is read only when someone listens.
    public void RecordDuration(string command, long startTimestamp, TimeProvider time)
    {
        if (_duration.Enabled)
        {
            _duration.Record(time.GetElapsedTime(startTimestamp).TotalSeconds, new KeyValuePair<string, object?>("db.operation.name", command));
        }
    }

    public void Timeout(string command)
    {
        if (_timeouts.Enabled)
        {
            _timeouts.Add(1, new KeyValuePair<string, object?>("db.operation.name", command));
        }
    }

    public void Redirected(bool ask)
    {
        if (_redirects.Enabled)
        {
            _redirects.Add(1, new KeyValuePair<string, object?>("kind", ask ? "ask" : "moved"));
        }
    }

    public void TopologyRefreshed() => _topologyRefreshes.Add(1);

    public void Reconnected() => _reconnects.Add(1);

    public void BytesSent(long count) => _bytesSent.Add(count);

    public void BytesReceived(long count) => _bytesReceived.Add(count);

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}

using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Strata.RateLimiting.AspNetCore.Diagnostics;

/// <summary>
/// Instruments of the outgoing throttle (meter <c>Strata.RateLimiting.Http</c>). Tags carry the client name and a
/// reason, never partition keys (hosts or tenants are unbounded).
/// </summary>
internal sealed class HttpClientRateLimitMetrics
{
    public const string MeterName = "Strata.RateLimiting.Http";

    private readonly string _client;
    private readonly Counter<long>? _holds;
    private readonly Histogram<double>? _waits;
    private readonly Counter<long>? _exceeded;

    public HttpClientRateLimitMetrics(IMeterFactory? meterFactory, string client)
    {
        _client = client;
        if (meterFactory is null)
        {
            return;
        }

        var meter = meterFactory.Create(MeterName);
        _holds = meter.CreateCounter<long>(
            "strata.ratelimit.client.upstream_holds", "{hold}", "Holds set on a partition from an upstream's 429/503 or exhausted-quota hints.");
        _waits = meter.CreateHistogram<double>(
            "strata.ratelimit.client.wait.duration", "s", "Time requests waited for an upstream hold or a limiter permit.");
        _exceeded = meter.CreateCounter<long>(
            "strata.ratelimit.client.exceeded", "{request}", "Requests not sent because no permit came within the maximum wait.");
    }

    public void HoldSet(int statusCode)
    {
        if (_holds is { Enabled: true })
        {
            _holds.Add(1, new TagList { { "http.client.name", _client }, { "http.response.status_code", statusCode } });
        }
    }

    public void Waited(TimeSpan duration, string reason)
    {
        if (_waits is { Enabled: true })
        {
            _waits.Record(duration.TotalSeconds, new TagList { { "http.client.name", _client }, { "reason", reason } });
        }
    }

    public void Exceeded(RateLimitExceededReason reason)
    {
        if (_exceeded is { Enabled: true })
        {
            _exceeded.Add(1, new TagList { { "http.client.name", _client }, { "reason", reason.ToString() } });
        }
    }
}

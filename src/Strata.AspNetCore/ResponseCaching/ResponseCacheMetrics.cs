using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Strata.AspNetCore.ResponseCaching;

/// <summary>
/// Instruments of response caching (meter <c>Strata.AspNetCore</c>): <c>strata.http.response_cache.requests</c>
/// ({request}; tags <c>result</c> = hit|miss|stale|bypass and <c>policy</c>) and
/// <c>strata.http.response_cache.duration</c> (s; tag <c>result</c>). Keys and paths are never tags.
/// </summary>
internal sealed class ResponseCacheMetrics
{
    public const string MeterName = "Strata.AspNetCore";

    private readonly Counter<long>? _requests;
    private readonly Histogram<double>? _duration;

    public ResponseCacheMetrics(IMeterFactory? meterFactory)
    {
        if (meterFactory is null)
        {
            return;
        }

        var meter = meterFactory.Create(MeterName);
        _requests = meter.CreateCounter<long>(
            "strata.http.response_cache.requests", "{request}", "Requests to endpoints with response caching, by what the cache did.");
        _duration = meter.CreateHistogram<double>(
            "strata.http.response_cache.duration", "s", "Time from the cache middleware's start to the response written, by what the cache did.");
    }

    /// <param name="outcome">What the cache did.</param>
    /// <param name="policy">The policy tag.</param>
    /// <param name="startTimestamp">From <see cref="Stopwatch.GetTimestamp"/> when the middleware started.</param>
    public void Record(ResponseCacheOutcome outcome, string policy, long startTimestamp)
    {
        if (_requests is { Enabled: true })
        {
            _requests.Add(1, new TagList { { "result", ResponseCacheHeaders.ToResultTag(outcome) }, { "policy", policy } });
        }

        if (_duration is { Enabled: true })
        {
            _duration.Record(
                Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds,
                new KeyValuePair<string, object?>("result", ResponseCacheHeaders.ToResultTag(outcome)));
        }
    }
}

using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace Strata.RateLimiting.AspNetCore.Outgoing;

/// <summary>
/// Reads how long an upstream asks us to hold off. Malformed values are ignored (draft-ietf-httpapi-ratelimit-headers-11
/// section 7: "Malformed RateLimit header fields MUST be ignored").
/// </summary>
internal static class UpstreamHints
{
    // Values at or above this are Unix times (2001-09-09 onwards), below it delta-seconds: GitHub and X send epoch
    // seconds in X-RateLimit-Reset, others send a delta; no real delta is 30 years long.
    private const double EpochThresholdSeconds = 1_000_000_000;

    /// <summary>
    /// The hold a response asks for: on 429/503, <c>Retry-After</c> first (it takes precedence, draft section 7), then an
    /// exhausted <c>RateLimit</c> item's <c>t</c>, then <c>X-RateLimit-Reset</c>; on other responses only an exhausted
    /// quota (<c>r=0</c>, or <c>X-RateLimit-Remaining: 0</c>) counts, because the next request would be refused anyway.
    /// </summary>
    public static TimeSpan? RequestedHold(HttpResponseMessage response, DateTimeOffset now)
    {
        var throttled = response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable;
        if (throttled && RetryAfter(response.Headers.RetryAfter, now) is { } retryAfter)
        {
            return retryAfter;
        }

        if (ExhaustedRateLimitWindow(response.Headers) is { } window)
        {
            return window;
        }

        if (throttled || IsZero(First(response.Headers, RateLimitHeaderNames.XRateLimitRemaining)))
        {
            return XRateLimitReset(First(response.Headers, RateLimitHeaderNames.XRateLimitReset), now);
        }

        return null;
    }

    public static TimeSpan? RetryAfter(RetryConditionHeaderValue? value, DateTimeOffset now)
    {
        if (value?.Delta is { } delta)
        {
            return delta;
        }

        if (value?.Date is { } date)
        {
            var wait = date - now;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    /// <summary>The largest <c>t</c> among <c>RateLimit</c> items with <c>r=0</c> (draft-11 structured-field list).</summary>
    public static TimeSpan? ExhaustedRateLimitWindow(HttpResponseHeaders headers)
    {
        if (!headers.TryGetValues(RateLimitHeaderNames.RateLimit, out var values))
        {
            return null;
        }

        long? longest = null;
        foreach (var value in values)
        {
            foreach (var item in SplitOutsideQuotes(value, ','))
            {
                if (TryReadItem(item, out var remaining, out var window) && remaining == 0 && window is { } t)
                {
                    longest = Math.Max(longest ?? 0, t);
                }
            }
        }

        return longest is { } seconds ? TimeSpan.FromSeconds(seconds) : null;
    }

    public static TimeSpan? XRateLimitReset(string? value, DateTimeOffset now)
    {
        if (value is null || !double.TryParse(value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) ||
            !double.IsFinite(seconds) || seconds < 0)
        {
            return null;
        }

        if (seconds >= EpochThresholdSeconds)
        {
            var wait = DateTimeOffset.UnixEpoch.AddSeconds(seconds) - now;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return TimeSpan.FromSeconds(seconds);
    }

    // One Service Limit Item: a String or Token, then ;key=value parameters. Only r and t matter here.
    private static bool TryReadItem(ReadOnlySpan<char> item, out long remaining, out long? window)
    {
        remaining = -1;
        window = null;
        var first = true;
        foreach (var part in SplitOutsideQuotes(item, ';'))
        {
            if (first)
            {
                first = false;
                continue;
            }

            var trimmed = part.Trim();
            var equals = trimmed.IndexOf('=');
            if (equals <= 0)
            {
                continue;
            }

            var key = trimmed[..equals];
            var number = trimmed[(equals + 1)..];
            if (key.SequenceEqual("r") && long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var r))
            {
                remaining = r;
            }
            else if (key.SequenceEqual("t") && long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var t))
            {
                window = t;
            }
        }

        return remaining >= 0;
    }

    private static List<string> SplitOutsideQuotes(ReadOnlySpan<char> value, char separator)
    {
        var parts = new List<string>();
        var inQuotes = false;
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (inQuotes && c == '\\')
            {
                i++;
            }
            else if (c == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (!inQuotes && c == separator)
            {
                parts.Add(value[start..i].ToString());
                start = i + 1;
            }
        }

        parts.Add(value[start..].ToString());
        return parts;
    }

    private static string? First(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static bool IsZero(string? value) =>
        value is not null && long.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number == 0;
}

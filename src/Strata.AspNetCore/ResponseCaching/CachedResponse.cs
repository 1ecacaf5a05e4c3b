using System.ComponentModel;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using NetHeaders = Microsoft.Net.Http.Headers.HeaderNames;

namespace Strata.AspNetCore.ResponseCaching;

/// <summary>
/// A stored response: status, the headers to replay (already including <c>Cache-Control</c>, <c>Vary</c> and
/// <c>ETag</c>), the body, when it was produced, and the secondary key of RFC 9111 §4.1 — the headers the endpoint's
/// own <c>Vary</c> named beyond the policy's, with this request's values, which a later request must match.
/// Immutable (never changed after construction), so the engine shares one instance between L1 readers instead of
/// deserializing per hit.
/// </summary>
[ImmutableObject(true)]
internal sealed class CachedResponse
{
    /// <summary>What a run returns when its response must not be stored; a zero duration keeps it out of the cache,
    /// and a request that waited on that run runs the endpoint itself.</summary>
    public static readonly CachedResponse NotStorable = new(0, 0, string.Empty, [], [], [], [], []);

    public CachedResponse(
        int statusCode,
        long createdAtTicks,
        string etag,
        string[] headerNames,
        StringValues[] headerValues,
        string[] varyNames,
        string?[] varyValues,
        byte[] body)
    {
        StatusCode = statusCode;
        CreatedAtTicks = createdAtTicks;
        ETag = etag;
        HeaderNames = headerNames;
        HeaderValues = headerValues;
        VaryNames = varyNames;
        VaryValues = varyValues;
        Body = body;
        for (var i = 0; i < headerNames.Length; i++)
        {
            var name = headerNames[i];
            if (name.Equals(NetHeaders.CacheControl, StringComparison.OrdinalIgnoreCase))
            {
                CacheControl = headerValues[i];
            }
            else if (name.Equals(NetHeaders.Vary, StringComparison.OrdinalIgnoreCase))
            {
                Vary = headerValues[i];
            }
        }
    }

    public bool IsStorable => StatusCode != 0;

    public int StatusCode { get; }

    /// <summary>When the endpoint produced the response (UTC ticks of the cache's clock): the base of <c>Age</c>.</summary>
    public long CreatedAtTicks { get; }

    /// <summary>The quoted entity tag (also among the headers).</summary>
    public string ETag { get; }

    public string[] HeaderNames { get; }

    public StringValues[] HeaderValues { get; }

    /// <summary>Request headers named by the endpoint's <c>Vary</c> but not by the policy.</summary>
    public string[] VaryNames { get; }

    /// <summary>The values of <see cref="VaryNames"/> in the request that produced the response (null: absent).</summary>
    public string?[] VaryValues { get; }

    public byte[] Body { get; }

    /// <summary>The stored <c>Cache-Control</c> (for 304 responses).</summary>
    public StringValues CacheControl { get; }

    /// <summary>The stored <c>Vary</c> (for 304 responses).</summary>
    public StringValues Vary { get; }

    /// <summary>Whether <paramref name="request"/> has the values of the secondary-key headers this response was
    /// produced with (RFC 9111 §4.1); a response is never served to a request that differs in them.</summary>
    public bool VaryMatches(HttpRequest request)
    {
        for (var i = 0; i < VaryNames.Length; i++)
        {
            if (!string.Equals(ReadVaryValue(request, VaryNames[i]), VaryValues[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A request header as one string (several fields joined by commas), or null when absent.</summary>
    public static string? ReadVaryValue(HttpRequest request, string name)
    {
        var values = request.Headers[name];
        return values.Count switch
        {
            0 => null,
            1 => values[0] ?? string.Empty,
            _ => values.ToString(),
        };
    }
}

using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Strata.AspNetCore.ResponseCaching;

/// <summary>Whether an endpoint's finished response may be stored, and the <see cref="CachedResponse"/> built from it.</summary>
internal static class StoredResponses
{
    /// <summary>Null when the response may be stored; otherwise why not (for logs).</summary>
    public static string? WhyNotStorable(HttpContext context, EndpointPlan plan)
    {
        var response = context.Response;
        if (!plan.StoresStatus(response.StatusCode))
        {
            return $"status {response.StatusCode} is not among the policy's statuses";
        }

        var headers = response.Headers;
        if (headers.SetCookie.Count > 0)
        {
            return "the response sets a cookie";
        }

        var directives = CacheControlParser.Parse(headers.CacheControl);
        if ((directives & CacheControlFlags.NoStore) != 0)
        {
            return "the endpoint sent Cache-Control: no-store";
        }

        if ((directives & CacheControlFlags.NoCache) != 0)
        {
            return "the endpoint sent Cache-Control: no-cache";
        }

        // A private response is for one user: stored only under that user's key.
        if ((directives & CacheControlFlags.Private) != 0 && !(plan.VaryByUser && ResponseCacheKeys.IsAuthenticated(context)))
        {
            return "the endpoint sent Cache-Control: private";
        }

        foreach (var value in headers.Vary)
        {
            if (value is not null && value.Contains('*', StringComparison.Ordinal))
            {
                return "the endpoint sent Vary: *";
            }
        }

        return null;
    }

    /// <summary>
    /// The stored form of the response: the endpoint's headers (less those that describe one transfer or one
    /// client), its <c>Cache-Control</c> or the policy's, <c>Vary</c> merging the policy's headers with the endpoint's,
    /// and its <c>ETag</c> or one hashed from the body. Headers the endpoint's Vary names beyond the policy's are
    /// recorded with this request's values (the secondary key).
    /// </summary>
    public static CachedResponse Create(HttpContext context, EndpointPlan plan, ReadOnlySpan<byte> body, long createdAtTicks)
    {
        var headers = context.Response.Headers;
        var names = new List<string>(headers.Count + 3);
        var values = new List<StringValues>(headers.Count + 3);
        string? etag = null;
        List<string>? extraVary = null;
        foreach (var (name, value) in headers)
        {
            if (IsPerTransfer(name))
            {
                continue;
            }

            if (name.Equals(HeaderNames.Vary, StringComparison.OrdinalIgnoreCase))
            {
                extraVary = ExtraVaryNames(value, plan);
                continue;
            }

            if (name.Equals(HeaderNames.ETag, StringComparison.OrdinalIgnoreCase))
            {
                etag = value.ToString();
            }

            names.Add(name);
            values.Add(value);
        }

        if (headers.CacheControl.Count == 0)
        {
            names.Add(HeaderNames.CacheControl);
            values.Add(plan.CacheControl);
        }

        var vary = MergeVary(plan.Vary, extraVary);
        if (vary is not null)
        {
            names.Add(HeaderNames.Vary);
            values.Add(vary);
        }

        if (etag is null)
        {
            etag = EntityTags.FromBody(body);
            names.Add(HeaderNames.ETag);
            values.Add(etag);
        }

        var varyNames = extraVary is null ? [] : extraVary.ToArray();
        var varyValues = new string?[varyNames.Length];
        for (var i = 0; i < varyNames.Length; i++)
        {
            varyValues[i] = CachedResponse.ReadVaryValue(context.Request, varyNames[i]);
        }

        return new CachedResponse(
            context.Response.StatusCode, createdAtTicks, etag, [.. names], [.. values], varyNames, varyValues, body.ToArray());
    }

    /// <summary>Headers that describe one transfer or are written per response by the server or the cache.</summary>
    private static bool IsPerTransfer(string name) =>
        name.Equals(HeaderNames.ContentLength, StringComparison.OrdinalIgnoreCase)
        || name.Equals(HeaderNames.TransferEncoding, StringComparison.OrdinalIgnoreCase)
        || name.Equals(HeaderNames.Connection, StringComparison.OrdinalIgnoreCase)
        || name.Equals(HeaderNames.KeepAlive, StringComparison.OrdinalIgnoreCase)
        || name.Equals(HeaderNames.Date, StringComparison.OrdinalIgnoreCase)
        || name.Equals(HeaderNames.Server, StringComparison.OrdinalIgnoreCase)
        || name.Equals(HeaderNames.Age, StringComparison.OrdinalIgnoreCase)
        || name.Equals(HeaderNames.SetCookie, StringComparison.OrdinalIgnoreCase)
        || name.Equals(ResponseCacheHeaders.XCache, StringComparison.OrdinalIgnoreCase);

    /// <summary>The endpoint's Vary names the policy does not already vary by: distinct (ignoring case), sorted.</summary>
    private static List<string>? ExtraVaryNames(StringValues vary, EndpointPlan plan)
    {
        List<string>? extra = null;
        foreach (var value in vary)
        {
            if (value is null)
            {
                continue;
            }

            foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (Array.Exists(plan.VaryByHeaders, h => h.Equals(part, StringComparison.OrdinalIgnoreCase))
                    || (extra is not null && extra.Exists(h => h.Equals(part, StringComparison.OrdinalIgnoreCase))))
                {
                    continue;
                }

                (extra ??= []).Add(part);
            }
        }

        extra?.Sort(StringComparer.OrdinalIgnoreCase);
        return extra;
    }

    private static string? MergeVary(string? policyVary, List<string>? extra)
    {
        if (extra is null || extra.Count == 0)
        {
            return policyVary;
        }

        var joined = string.Join(", ", extra);
        return policyVary is null ? joined : policyVary + ", " + joined;
    }
}

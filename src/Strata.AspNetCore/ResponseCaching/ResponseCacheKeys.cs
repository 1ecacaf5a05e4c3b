using System.Buffers;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features.Authentication;
using Microsoft.AspNetCore.WebUtilities;

namespace Strata.AspNetCore.ResponseCaching;

/// <summary>
/// Cache keys: <c>{scheme}://{host}{pathbase}{path}</c>, then <c>?{query}</c> in canonical order (pairs sorted by
/// key — ordinal, or ordinal ignoring case with keys lower-cased — values in request order), then <c>|h:{name}={value}</c>
/// per vary header (<c>|h:{name}</c> when absent), <c>|r:{name}={value}</c> per route value, <c>|u:{id}</c> per user
/// (<c>|u</c> anonymous), and for a secondary key <c>|x:{name}={value}</c> per header of the endpoint's own Vary.
/// Every component is escaped (<see cref="KeyWriter"/>), so distinct requests never share a key.
/// </summary>
internal static class ResponseCacheKeys
{
    private const int StackChars = 256;

    /// <summary>The primary key, or null when the request cannot be keyed (an authenticated user without an id).</summary>
    public static string? Build(HttpContext context, EndpointPlan plan)
    {
        var request = context.Request;
        var writer = new KeyWriter(stackalloc char[StackChars]);
        try
        {
            writer.AppendRaw(request.Scheme);
            writer.AppendRaw("://");
            writer.AppendEscaped(request.Host.Value, lowerCase: true);
            writer.AppendEscaped(request.PathBase.Value, lowerCase: !plan.CaseSensitivePaths);
            writer.AppendEscaped(request.Path.Value, lowerCase: !plan.CaseSensitivePaths);
            if ((plan.VaryByAllQueryKeys || plan.VaryByQueryKeys.Length > 0) && request.QueryString.HasValue)
            {
                AppendQuery(ref writer, request.QueryString.Value!, plan);
            }

            foreach (var header in plan.VaryByHeaders)
            {
                writer.AppendRaw("|h:");
                writer.AppendEscaped(header);
                AppendValue(ref writer, CachedResponse.ReadVaryValue(request, header));
            }

            if (plan.VaryByRouteValues.Length > 0)
            {
                var values = request.RouteValues;
                foreach (var name in plan.VaryByRouteValues)
                {
                    writer.AppendRaw("|r:");
                    writer.AppendEscaped(name);
                    AppendValue(ref writer, values.TryGetValue(name, out var value) ? Convert.ToString(value, CultureInfo.InvariantCulture) : null);
                }
            }

            if (plan.VaryByUser)
            {
                writer.AppendRaw("|u");
                if (IsAuthenticated(context))
                {
                    var id = UserId(context.User);
                    if (string.IsNullOrEmpty(id))
                    {
                        return null;
                    }

                    writer.AppendRaw(':');
                    writer.AppendEscaped(id);
                }
            }

            return writer.ToString();
        }
        finally
        {
            writer.Dispose();
        }
    }

    /// <summary>The secondary key under <paramref name="primary"/> for the headers <paramref name="stored"/>'s Vary
    /// named beyond the policy's, with this request's values.</summary>
    public static string Secondary(string primary, CachedResponse stored, HttpRequest request)
    {
        var writer = new KeyWriter(stackalloc char[StackChars]);
        try
        {
            writer.AppendRaw(primary);
            foreach (var name in stored.VaryNames)
            {
                writer.AppendRaw("|x:");
                writer.AppendEscaped(name, lowerCase: true);
                AppendValue(ref writer, CachedResponse.ReadVaryValue(request, name));
            }

            return writer.ToString();
        }
        finally
        {
            writer.Dispose();
        }
    }

    /// <summary>Authenticated: an <c>Authorization</c> header, or a user some authentication handler recognised.</summary>
    /// <remarks>Reads the feature, not <see cref="HttpContext.User"/>: that getter allocates an empty principal on
    /// every request no authentication ran for, which is most cached requests (measured: 272 bytes per hit).</remarks>
    public static bool IsAuthenticated(HttpContext context) =>
        context.Request.Headers.Authorization.Count > 0
        || context.Features.Get<IHttpAuthenticationFeature>()?.User?.Identity?.IsAuthenticated == true;

    /// <summary>The user's id: <c>ClaimTypes.NameIdentifier</c>, else <c>Identity.Name</c>.</summary>
    public static string? UserId(ClaimsPrincipal user) =>
        user.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? user.Identity?.Name;

    private static void AppendValue(ref KeyWriter writer, string? value)
    {
        if (value is not null)
        {
            writer.AppendRaw('=');
            writer.AppendEscaped(value);
        }
    }

    private static void AppendQuery(ref KeyWriter writer, string queryString, EndpointPlan plan)
    {
        var pool = ArrayPool<QueryPair>.Shared;
        var pairs = pool.Rent(8);
        var count = 0;
        try
        {
            foreach (var pair in new QueryStringEnumerable(queryString))
            {
                var name = pair.DecodeName();
                if (name.IsEmpty || (!plan.VaryByAllQueryKeys && !IsListed(name.Span, plan)))
                {
                    continue;
                }

                if (count == pairs.Length)
                {
                    var larger = pool.Rent(count * 2);
                    pairs.AsSpan(0, count).CopyTo(larger);
                    pool.Return(pairs, clearArray: true);
                    pairs = larger;
                }

                pairs[count] = new QueryPair(name, pair.DecodeValue(), count);
                count++;
            }

            if (count == 0)
            {
                return;
            }

            var span = pairs.AsSpan(0, count);
            if (plan.QueryKeysCaseSensitive)
            {
                span.Sort(QueryPair.CompareOrdinal);
            }
            else
            {
                span.Sort(QueryPair.CompareIgnoreCase);
            }

            writer.AppendRaw('?');
            for (var i = 0; i < span.Length; i++)
            {
                if (i > 0)
                {
                    writer.AppendRaw('&');
                }

                writer.AppendEscaped(span[i].Name.Span, lowerCase: !plan.QueryKeysCaseSensitive);
                writer.AppendRaw('=');
                writer.AppendEscaped(span[i].Value.Span);
            }
        }
        finally
        {
            pool.Return(pairs, clearArray: true);
        }
    }

    private static bool IsListed(ReadOnlySpan<char> name, EndpointPlan plan)
    {
        var comparison = plan.QueryKeysCaseSensitive ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        foreach (var key in plan.VaryByQueryKeys)
        {
            if (name.Equals(key, comparison))
            {
                return true;
            }
        }

        return false;
    }
}

using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Primitives;

namespace Strata.AspNetCore.ResponseCaching;

/// <summary>
/// What a background revalidation needs to run a request again, copied from the live request synchronously (before
/// it ends): method-independent target (scheme, host, path base, path, query), the headers the response varies by,
/// the user, the endpoint with its route values, and the middleware markers the endpoint checks. The live
/// <see cref="HttpContext"/> is not referenced.
/// </summary>
internal sealed class RevalidationRequest
{
    // Endpoint middleware refuses to run an endpoint with authorization, CORS or antiforgery metadata unless the
    // matching middleware ran; they ran for the original request (before this one), so their markers carry over.
    private const string MiddlewareMarkerSuffix = "MiddlewareWithEndpointInvoked";

    private readonly string _scheme;
    private readonly string _protocol;
    private readonly HostString _host;
    private readonly PathString _pathBase;
    private readonly PathString _path;
    private readonly QueryString _query;
    private readonly KeyValuePair<string, StringValues>[] _headers;
    private readonly ClaimsPrincipal _user;
    private readonly Endpoint? _endpoint;
    private readonly RouteValueDictionary _routeValues;
    private readonly KeyValuePair<object, object?>[] _items;

    private RevalidationRequest(
        EndpointPlan plan,
        string key,
        CachedResponse current,
        RequestDelegate next,
        string scheme,
        string protocol,
        HostString host,
        PathString pathBase,
        PathString path,
        QueryString query,
        KeyValuePair<string, StringValues>[] headers,
        ClaimsPrincipal user,
        Endpoint? endpoint,
        RouteValueDictionary routeValues,
        KeyValuePair<object, object?>[] items,
        string[] tags)
    {
        Plan = plan;
        Key = key;
        Current = current;
        Next = next;
        _scheme = scheme;
        _protocol = protocol;
        _host = host;
        _pathBase = pathBase;
        _path = path;
        _query = query;
        _headers = headers;
        _user = user;
        _endpoint = endpoint;
        _routeValues = routeValues;
        _items = items;
        Tags = tags;
    }

    public EndpointPlan Plan { get; }

    /// <summary>The key the revalidated response replaces.</summary>
    public string Key { get; }

    /// <summary>The stale response being revalidated (replaced only if still the stored one).</summary>
    public CachedResponse Current { get; }

    /// <summary>The rest of the pipeline after the cache middleware.</summary>
    public RequestDelegate Next { get; }

    public string[] Tags { get; }

    public static RevalidationRequest Capture(HttpContext context, EndpointPlan plan, string key, CachedResponse current, RequestDelegate next)
    {
        var request = context.Request;
        var headers = new List<KeyValuePair<string, StringValues>>(plan.VaryByHeaders.Length + current.VaryNames.Length);
        AddHeaders(headers, request, plan.VaryByHeaders);
        AddHeaders(headers, request, current.VaryNames);
        var items = new List<KeyValuePair<object, object?>>();
        foreach (var (itemKey, value) in context.Items)
        {
            if (itemKey is string name && name.EndsWith(MiddlewareMarkerSuffix, StringComparison.Ordinal))
            {
                items.Add(new(itemKey, value));
            }
        }

        return new RevalidationRequest(
            plan,
            key,
            current,
            next,
            request.Scheme,
            request.Protocol,
            request.Host,
            request.PathBase,
            request.Path,
            request.QueryString,
            [.. headers],
            context.User,
            context.GetEndpoint(),
            new RouteValueDictionary(request.RouteValues),
            [.. items],
            plan.ExpandTags(request.RouteValues));
    }

    /// <summary>A GET request like the original, on its own service scope, with no connection behind it.</summary>
    public DefaultHttpContext CreateContext(IServiceProvider services, CancellationToken aborted)
    {
        var context = new DefaultHttpContext { RequestServices = services, User = _user, RequestAborted = aborted };
        var request = context.Request;
        request.Method = HttpMethods.Get;
        request.Scheme = _scheme;
        request.Protocol = _protocol;
        request.Host = _host;
        request.PathBase = _pathBase;
        request.Path = _path;
        request.QueryString = _query;
        foreach (var (name, value) in _headers)
        {
            request.Headers[name] = value;
        }

        foreach (var (itemKey, value) in _items)
        {
            context.Items[itemKey] = value;
        }

        context.SetEndpoint(_endpoint);
        request.RouteValues = new RouteValueDictionary(_routeValues);
        return context;
    }

    private static void AddHeaders(List<KeyValuePair<string, StringValues>> target, HttpRequest request, string[] names)
    {
        foreach (var name in names)
        {
            var value = request.Headers[name];
            if (value.Count > 0 && !target.Exists(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)))
            {
                target.Add(new(name, value));
            }
        }
    }
}

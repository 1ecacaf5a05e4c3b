using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;

namespace Strata.AspNetCore.Dashboard;

/// <summary>
/// Serves the page for one mapping. It carries no cache data, only where to fetch it and how to authenticate, so it
/// is served to anyone: every number comes from the guarded data endpoint.
/// </summary>
internal sealed class DashboardPage
{
    private const string PathBasePlaceholder = "{{pathBase}}";

    private readonly string _html;
    private readonly byte[] _withoutPathBase;
    private readonly string _contentSecurityPolicy;

    public DashboardPage(DashboardTemplate template, string dataPath, string adminPrefix, DashboardAuthMode auth)
    {
        ArgumentNullException.ThrowIfNull(template);
        var encoder = HtmlEncoder.Default;
        _html = template.Html
            .Replace("{{dataPath}}", encoder.Encode(dataPath), StringComparison.Ordinal)
            .Replace("{{adminPrefix}}", encoder.Encode(adminPrefix), StringComparison.Ordinal)
            .Replace("{{auth}}", auth == DashboardAuthMode.ApiKey ? "key" : "policy", StringComparison.Ordinal);
        _withoutPathBase = Encoding.UTF8.GetBytes(_html.Replace(PathBasePlaceholder, string.Empty, StringComparison.Ordinal));
        _contentSecurityPolicy = template.ContentSecurityPolicy;
    }

    public Task WriteAsync(HttpContext context)
    {
        var response = context.Response;
        response.ContentType = "text/html; charset=utf-8";
        var headers = response.Headers;
        headers.ContentSecurityPolicy = _contentSecurityPolicy;
        // The page itself is not secret, but a stored copy would outlive a changed mapping or auth mode.
        headers.CacheControl = "no-store";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";

        var pathBase = context.Request.PathBase;
        var body = pathBase.HasValue
            ? Encoding.UTF8.GetBytes(_html.Replace(PathBasePlaceholder, HtmlEncoder.Default.Encode(pathBase.Value!), StringComparison.Ordinal))
            : _withoutPathBase;
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }
}

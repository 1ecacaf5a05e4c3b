using System.Security.Cryptography;
using System.Text;

namespace Strata.AspNetCore.Dashboard;

/// <summary>
/// The page (embedded resource <see cref="ResourceName"/>) and its <c>Content-Security-Policy</c>. The policy allows
/// the page's one inline <c>&lt;script&gt;</c> and one inline <c>&lt;style&gt;</c> by their SHA-256 hashes, computed
/// here from the very text served, so the two can never drift apart; everything else is <c>'none'</c> except fetches
/// to this origin. Per-mapping values (paths, auth mode) live in a <c>&lt;meta&gt;</c> element's attributes, outside
/// the hashed blocks, so one hash serves every mapping and request.
/// </summary>
internal sealed class DashboardTemplate
{
    public const string ResourceName = "Strata.AspNetCore.Dashboard.dashboard.html";

    private static readonly Lazy<DashboardTemplate> Loaded = new(Load);

    private DashboardTemplate(string html, string contentSecurityPolicy)
    {
        Html = html;
        ContentSecurityPolicy = contentSecurityPolicy;
    }

    /// <summary>The embedded page, loaded and hashed once.</summary>
    public static DashboardTemplate Instance => Loaded.Value;

    /// <summary>The page with its <c>{{placeholders}}</c>.</summary>
    public string Html { get; }

    /// <summary>The header value that lets exactly this page's script and style run.</summary>
    public string ContentSecurityPolicy { get; }

    /// <summary>Hashes the single inline script and style of <paramref name="html"/> into the policy.</summary>
    /// <exception cref="InvalidOperationException">Not exactly one of each, or a placeholder inside one.</exception>
    public static DashboardTemplate Parse(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var script = Hash(InlineBlock(html, "script"));
        var style = Hash(InlineBlock(html, "style"));
        // img-src data: only for the empty favicon link, which keeps the browser from requesting /favicon.ico.
        var policy = $"default-src 'none'; script-src '{script}'; style-src '{style}'; connect-src 'self'; img-src data:; " +
            "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
        return new DashboardTemplate(html, policy);
    }

    private static DashboardTemplate Load()
    {
        using var stream = typeof(DashboardTemplate).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource '{ResourceName}' is missing from Strata.AspNetCore.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Parse(reader.ReadToEnd());
    }

    /// <summary>The text between <c>&lt;tag&gt;</c> and <c>&lt;/tag&gt;</c>, exactly as the browser hashes it.</summary>
    private static string InlineBlock(string html, string tag)
    {
        var open = "<" + tag + ">";
        var close = "</" + tag + ">";
        var start = html.IndexOf(open, StringComparison.Ordinal);
        if (start < 0 || html.IndexOf(open, start + open.Length, StringComparison.Ordinal) >= 0)
        {
            throw new InvalidOperationException($"The dashboard page must have exactly one attribute-less <{tag}> block.");
        }

        start += open.Length;
        var end = html.IndexOf(close, start, StringComparison.Ordinal);
        if (end < 0)
        {
            throw new InvalidOperationException($"The dashboard page's <{tag}> block is not closed.");
        }

        var block = html[start..end];
        if (block.Contains("{{", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The dashboard page's <{tag}> block must not contain placeholders: it is allowed by its hash.");
        }

        return block;
    }

    private static string Hash(string block) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(block)));
}

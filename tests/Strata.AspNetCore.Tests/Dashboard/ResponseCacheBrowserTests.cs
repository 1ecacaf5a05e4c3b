using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace Strata.AspNetCore.Tests.Dashboard;

/// <summary>
/// Strata response caching seen from a real browser's HTTP cache: the browser stores our response, revalidates it
/// with our ETag and gets a 304, and the page still reads the full body; the dashboard then counts what happened.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class ResponseCacheBrowserTests(ChromiumFixture chromium)
{
    private const string Fares = """{"route":"LAX-JFK","fares":[199,249,329]}""";

    // fetch(cache: 'no-cache') makes the browser revalidate its stored copy (a conditional request), and the last
    // plain fetch may use the copy while fresh (max-age) without asking the server at all.
    private const string Page = """
        <!doctype html><html><body><pre id="out"></pre><script>
        (async () => {
          const read = async (init) => { const r = await fetch('/api/fares', init); return { status: r.status, body: await r.text(), etag: r.headers.get('ETag') }; };
          const results = [await read({}), await read({ cache: 'no-cache' }), await read({})];
          const out = document.getElementById('out');
          out.textContent = JSON.stringify(results);
          out.dataset.done = 'true';
        })();
        </script></body></html>
        """;

    [Fact]
    public async Task Browser_RevalidatesWithOurETag_Gets304_StillSeesTheBody_AndTheDashboardCountsIt()
    {
        var seen = new ConcurrentQueue<Exchange>();
        var runs = 0;
        await using var app = await KestrelApp.StartAsync(
            static b =>
            {
                b.Services.AddStrata(o => o.KeyPrefix = "rc" + Guid.NewGuid().ToString("N")[..8]);
                b.Services.AddStrataResponseCaching();
                b.Services.AddStrataAdmin(o => o.ApiKey = DashboardHost.Key);
            },
            a =>
            {
                // First in the pipeline: what the browser really sent and what it really got back.
                a.Use(async (context, next) =>
                {
                    await next(context);
                    if (context.Request.Path == "/api/fares")
                    {
                        seen.Enqueue(new Exchange(
                            context.Request.Method,
                            context.Request.Headers.IfNoneMatch.ToString(),
                            context.Response.StatusCode,
                            context.Response.Headers.ETag.ToString(),
                            context.Response.Headers.CacheControl.ToString(),
                            context.Response.Headers["X-Cache"].ToString()));
                    }
                });
                a.UseRouting();
                a.UseStrataResponseCaching();
                a.MapGet("/api/fares", () =>
                {
                    Interlocked.Increment(ref runs);
                    return Results.Text(Fares, "application/json");
                }).CacheResponse(p => p.Duration = TimeSpan.FromMinutes(1));
                a.MapGet("/page", () => Results.Content(Page, "text/html"));
                a.MapStrataAdmin("/cache");
                a.MapStrataDashboard();
            });
        await using var context = await chromium.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(app.Url("page").ToString());
        await Expect(page.Locator("#out")).ToHaveAttributeAsync("data-done", "true");

        var exchanges = seen.ToArray();
        exchanges.Length.ShouldBe(2, "the third read was served by the browser's cache: " + string.Join(" | ", exchanges));
        var (first, second) = (exchanges[0], exchanges[1]);
        first.IfNoneMatch.ShouldBeEmpty();
        first.Status.ShouldBe(StatusCodes.Status200OK);
        first.XCache.ShouldBe("MISS");
        first.ETag.ShouldStartWith("\"");
        first.CacheControl.ShouldContain("max-age=60");
        second.IfNoneMatch.ShouldBe(first.ETag, "the browser revalidated with our ETag");
        second.Status.ShouldBe(StatusCodes.Status304NotModified);
        second.XCache.ShouldBe("HIT");
        second.ETag.ShouldBe(first.ETag);
        runs.ShouldBe(1, "the endpoint ran once; the revalidation was answered from Strata");

        var results = JsonDocument.Parse(await page.Locator("#out").TextContentAsync() ?? "[]").RootElement.EnumerateArray().ToArray();
        results.Length.ShouldBe(3);
        foreach (var result in results)
        {
            result.GetProperty("status").GetInt32().ShouldBe(200, "a 304 reaches the page as the stored 200");
            result.GetProperty("body").GetString().ShouldBe(Fares);
            result.GetProperty("etag").GetString().ShouldBe(first.ETag);
        }

        await page.GotoAsync(app.Url("cache/dashboard").ToString());
        await page.Locator("#api-key").FillAsync(DashboardHost.Key);
        await page.Locator("#api-key-submit").ClickAsync();
        await Expect(page.Locator("#response-cache-miss")).ToHaveAttributeAsync("data-value", "1");
        await Expect(page.Locator("#response-cache-hit")).ToHaveAttributeAsync("data-value", "1");
        await Expect(page.Locator("#response-cache-bypass")).ToHaveAttributeAsync("data-value", "0");
    }

    private sealed record Exchange(string Method, string IfNoneMatch, int Status, string ETag, string CacheControl, string XCache);
}

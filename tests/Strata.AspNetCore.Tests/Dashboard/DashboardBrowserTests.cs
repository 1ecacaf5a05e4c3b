using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Strata.RateLimiting;
using static Microsoft.Playwright.Assertions;

namespace Strata.AspNetCore.Tests.Dashboard;

/// <summary>The dashboard in headless chromium against a real Kestrel app: key prompt, live values, actions.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class DashboardBrowserTests(ChromiumFixture chromium)
{
    private const string Key = DashboardHost.Key;
    private static readonly StrataEntryOptions TenMinutes = new() { Duration = TimeSpan.FromMinutes(10) };

    [Fact]
    public async Task Dashboard_KeyEntered_ShowsValuesThenUpdatesThemLiveWithoutReload()
    {
        using var traffic = new ScreenshotTraffic();
        await using var app = await StartAsync(pipeline: a => a.Use(async (context, next) =>
        {
            await next(context);
            // Only for the screenshot, after the exact checks: some traffic each time the page polls, so the charts
            // have a few seconds of history to draw (paced by the page, not by a sleep).
            if (traffic.Enabled && context.Request.Path == "/cache/dashboard/data")
            {
                await traffic.GenerateAsync(context.RequestServices);
            }
        }));
        await using var context = await chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        var errors = new ConcurrentQueue<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Enqueue(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Enqueue(error);

        await page.GotoAsync(app.Url("cache/dashboard").ToString());
        await Expect(page.Locator("#api-key")).ToBeVisibleAsync();
        await Expect(page.Locator("#dashboard")).ToBeHiddenAsync();
        await page.Locator("#api-key").FillAsync(Key);
        await page.Locator("#api-key-submit").ClickAsync();

        await Expect(page.Locator("#l1-entries")).ToHaveAttributeAsync("data-value", "0");
        await Expect(page.Locator("#reads-total")).ToHaveTextAsync("0");
        await Expect(page.Locator("#breaker-state")).ToHaveTextAsync("no L2");
        await page.EvaluateAsync("() => { window.sameDocument = true; }");

        var cache = app.Get<StrataCache>();
        var flights = cache.Namespace("flights");
        for (var i = 0; i < 3; i++)
        {
            await flights.GetOrCreateAsync("LAX-JFK", static _ => ValueTask.FromResult("fares"), TenMinutes);
        }

        await flights.GetOrCreateAsync("LAX-SFO", static _ => ValueTask.FromResult("fares"), TenMinutes);
        var hotels = cache.Namespace("hotels");
        await hotels.SetAsync("h1", "room", TenMinutes);
        await hotels.SetAsync("h2", "room", TenMinutes);
        await hotels.RemoveAsync("h2");

        await Expect(page.Locator("#l1-entries")).ToHaveAttributeAsync("data-value", "3");
        await Expect(page.Locator("#l1-entries")).ToHaveTextAsync("3");
        await Expect(page.Locator("#reads-total")).ToHaveTextAsync("4");
        await Expect(page.Locator("#hit-ratio")).ToHaveTextAsync("50%");
        await Expect(page.Locator("#namespaces g[data-label='flights']")).ToHaveAttributeAsync("data-value", "2");
        await Expect(page.Locator("#invalidations tbody tr").First).ToContainTextAsync("hotels : h2");
        await Expect(page.Locator("#chart-reads path[data-series='L1 hit']")).ToHaveCountAsync(1);
        (await page.EvaluateAsync<bool>("() => window.sameDocument === true")).ShouldBeTrue("the values changed in the same document, without a reload");

        traffic.Enabled = true;
        await page.WaitForFunctionAsync(
            "() => Number(document.getElementById('chart-reads').dataset.points) >= 12 && document.querySelectorAll('#rate-limits tbody tr[data-policy]').length > 0",
            null,
            new() { Timeout = 60_000 });
        traffic.Enabled = false;
        var screenshot = Path.Combine(AppContext.BaseDirectory, "artifacts", "dashboard.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        File.Delete(screenshot);
        await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });

        new FileInfo(screenshot).Length.ShouldBeGreaterThan(0);
        errors.ShouldBeEmpty("no console errors: a CSP violation would be one");
    }

    [Fact]
    public async Task Dashboard_WrongKey_SaysForbiddenForgetsItAndAsksAgain()
    {
        await using var app = await StartAsync();
        await using var context = await chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(app.Url("cache/dashboard").ToString());

        await page.Locator("#api-key").FillAsync("not-the-admin-key-at-all");
        await page.Locator("#api-key-submit").ClickAsync();

        await Expect(page.Locator("#auth-message")).ToContainTextAsync("403");
        await Expect(page.Locator("#auth-message")).ToContainTextAsync("not the admin API key");
        await Expect(page.Locator("#api-key")).ToBeVisibleAsync();
        await Expect(page.Locator("#dashboard")).ToBeHiddenAsync();
        (await page.EvaluateAsync<int>("() => sessionStorage.length")).ShouldBe(0, "a refused key is not kept");

        await page.Locator("#api-key").FillAsync(Key);
        await page.Locator("#api-key-submit").ClickAsync();
        await Expect(page.Locator("#dashboard")).ToBeVisibleAsync();
        await Expect(page.Locator("#auth-message")).ToBeHiddenAsync();
        await Expect(page.Locator("#connection")).ToHaveAttributeAsync("data-state", "live");
    }

    [Fact]
    public async Task Actions_CancelSendsNothing_ConfirmedClearNamespaceClearsOnlyIt()
    {
        var admin = new ConcurrentQueue<string>();
        await using var app = await StartAsync(pipeline: a => a.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/cache") && context.Request.Method != HttpMethods.Get)
            {
                admin.Enqueue($"{context.Request.Method} {context.Request.Path} {context.Request.Headers.Authorization}");
            }

            await next(context);
        }));
        var cache = app.Get<StrataCache>();
        await cache.Namespace("flights").SetAsync("f1", "1", TenMinutes);
        await cache.Namespace("flights").SetAsync("f2", "2", TenMinutes);
        await cache.Namespace("hotels").SetAsync("h1", "3", TenMinutes);
        await using var context = await chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(app.Url("cache/dashboard").ToString());
        await page.Locator("#api-key").FillAsync(Key);
        await page.Locator("#api-key-submit").ClickAsync();
        await Expect(page.Locator("#l1-entries")).ToHaveAttributeAsync("data-value", "3");

        await page.Locator("#clear-all").ClickAsync();
        await Expect(page.Locator("#confirm-dialog")).ToBeVisibleAsync();
        await page.Locator("#confirm-cancel").ClickAsync();
        await Expect(page.Locator("#action-result")).ToHaveAttributeAsync("data-outcome", "cancelled");
        admin.ShouldBeEmpty();

        await page.Locator("#clear-tag").ClickAsync();
        await Expect(page.Locator("#action-result")).ToHaveAttributeAsync("data-outcome", "error");
        await Expect(page.Locator("#action-result")).ToContainTextAsync("Enter a tag");
        await Expect(page.Locator("#confirm-dialog")).ToBeHiddenAsync();

        await page.Locator("#clear-namespace-name").FillAsync("flights");
        await page.Locator("#clear-namespace").ClickAsync();
        await Expect(page.Locator("#confirm-text")).ToContainTextAsync("\"flights\"");
        await page.Locator("#confirm-ok").ClickAsync();
        await Expect(page.Locator("#action-result")).ToHaveAttributeAsync("data-outcome", "ok");
        await Expect(page.Locator("#action-result")).ToContainTextAsync("200");

        admin.ShouldBe([$"POST /cache/clear/flights Bearer {Key}"]);
        (await cache.Namespace("flights").TryGetAsync<string>("f1")).ShouldBeNull();
        var h1 = await cache.Namespace("hotels").TryGetAsync<string>("h1");
        h1.ShouldNotBeNull().Value.ShouldBe("3");
        await Expect(page.Locator("#l1-entries")).ToHaveAttributeAsync("data-value", "1");
        await Expect(page.Locator("#invalidations tbody tr").First).ToHaveAttributeAsync("data-scope", "namespace");
        await Expect(page.Locator("#invalidations tbody tr").First).ToContainTextAsync("flights");
    }

    [Fact]
    public async Task Warm_AdminAnswersProblemDetails_ShowsStatusTitleAndDetail()
    {
        // A stand-in admin API under its own prefix: the real POST warm is not this test's subject, the page's
        // handling of a refusal is.
        string? authorization = null;
        await using var app = await StartAsync(
            adminPrefix: "/ops",
            pipeline: a => a.MapPost("/ops/warm", (HttpRequest request) =>
            {
                authorization = request.Headers.Authorization;
                return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Warm-up already running", detail: "Started by another node.");
            }));
        await using var context = await chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(app.Url("cache/dashboard").ToString());
        await page.Locator("#api-key").FillAsync(Key);
        await page.Locator("#api-key-submit").ClickAsync();
        await Expect(page.Locator("#dashboard")).ToBeVisibleAsync();

        await page.Locator("#warm").ClickAsync();
        await page.Locator("#confirm-ok").ClickAsync();

        await Expect(page.Locator("#action-result")).ToHaveAttributeAsync("data-outcome", "error");
        await Expect(page.Locator("#action-result")).ToHaveTextAsync("Warm failed: 409 Warm-up already running: Started by another node.");
        authorization.ShouldBe("Bearer " + Key);
    }

    private static Task<KestrelApp> StartAsync(string adminPrefix = "/cache", Action<WebApplication>? pipeline = null) => KestrelApp.StartAsync(
        static b =>
        {
            b.Services.AddStrata(o => o.KeyPrefix = "ui" + Guid.NewGuid().ToString("N")[..8]);
            b.Services.AddStrataAdmin(o => o.ApiKey = Key);
        },
        a =>
        {
            pipeline?.Invoke(a);
            a.MapStrataAdmin("/cache");
            a.MapStrataDashboard(adminPrefix: adminPrefix);
        });

    /// <summary>Varied reads, invalidations and rate-limit decisions, for a screenshot that shows every panel.</summary>
    private sealed class ScreenshotTraffic : IDisposable
    {
        private static readonly string Payload = new('x', 512);

        private static readonly (string Namespace, TimeSpan Duration, int Keys)[] Namespaces =
        [
            ("flights", TimeSpan.FromSeconds(45), 40),
            ("hotels", TimeSpan.FromMinutes(10), 120),
            ("cars", TimeSpan.FromHours(2), 25),
            ("fx-rates", TimeSpan.FromSeconds(8), 6),
        ];

        private readonly Random _random = new(7);
        private readonly SemaphoreSlim _gate = new(1, 1);
        private StrataPartitionedRateLimiter? _limiter;
        private int _tick;
        private volatile bool _enabled;

        public bool Enabled
        {
            get => _enabled;
            set => _enabled = value;
        }

        public void Dispose()
        {
            _limiter?.Dispose();
            _gate.Dispose();
        }

        public async Task GenerateAsync(IServiceProvider services)
        {
            await _gate.WaitAsync();
            try
            {
                var cache = services.GetRequiredService<StrataCache>();
                _limiter ??= StrataRateLimiter.CreateGcra(new GcraRateLimiterOptions
                {
                    PolicyName = "supplier-search",
                    PermitLimit = 20,
                    Window = TimeSpan.FromMinutes(1),
                    MeterFactory = services.GetRequiredService<IMeterFactory>(),
                });
                _tick++;
                var reads = 60 + (_tick % 5 * 40);
                for (var i = 0; i < reads; i++)
                {
                    var (name, duration, keys) = Namespaces[_random.Next(Namespaces.Length)];
                    var key = name + "-" + _random.Next(keys);
                    await cache.Namespace(name).GetOrCreateAsync(
                        key,
                        static _ => ValueTask.FromResult(Payload),
                        new StrataEntryOptions { Duration = duration },
                        tags: [name + ":all"]);
                }

                if (_tick % 3 == 0)
                {
                    await cache.RemoveByTagAsync("fx-rates:all");
                }

                if (_tick % 4 == 0)
                {
                    await cache.Namespace("flights").RemoveAsync("flights-" + _random.Next(40));
                }

                foreach (var partition in new[] { "amadeus", "amadeus", "amadeus", "sabre", "travelport" })
                {
                    _limiter.AttemptAcquire(partition).Dispose();
                }
            }
            finally
            {
                _gate.Release();
            }
        }
    }
}

using Microsoft.Playwright;

namespace Strata.AspNetCore.Tests.Dashboard;

/// <summary>
/// One headless Debian chromium for the browser tests (Playwright's own browser download does not work here). A
/// missing browser fails the tests with how to install it, rather than skipping them.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser is not started.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"The browser tests need chromium at {ExecutablePath}: apt-get install -y chromium");
        }

        // Expectations poll until this bound (they never sleep a fixed time); generous for a loaded 2-core CI box.
        Assertions.SetDefaultExpectTimeout(20_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = ExecutablePath, Headless = true, Args = ["--no-sandbox"] });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    /// <summary>A fresh context (own cookies, cache and sessionStorage) at a desktop size.</summary>
    public Task<IBrowserContext> NewContextAsync() =>
        Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 } });
}

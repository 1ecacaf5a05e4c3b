using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Strata.Testing;

namespace Strata.RateLimiting.AspNetCore.Tests.Outgoing;

/// <summary>
/// A real Kestrel upstream on 127.0.0.1 and a free port, answering with whatever the current test scripts and
/// counting every request that reaches it.
/// </summary>
public sealed class UpstreamServer : IAsyncLifetime
{
    private WebApplication? _app;
    private int _requests;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The partition key the handler derives by default: host and port.</summary>
    public string Authority => BaseAddress.Authority;

    public int RequestCount => Volatile.Read(ref _requests);

    /// <summary>Called with the request's 1-based number; the default answers 200.</summary>
    public Func<HttpContext, int, Task> Respond { get; set; } = Ok;

    public static Task Ok(HttpContext context, int number) => Task.CompletedTask;

    public void Reset()
    {
        Respond = Ok;
        Interlocked.Exchange(ref _requests, 0);
    }

    public async Task InitializeAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = PortAllocator.Next();
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
            var app = builder.Build();
            app.Run(context => Respond(context, Interlocked.Increment(ref _requests)));
            try
            {
                await app.StartAsync();
                _app = app;
                BaseAddress = new Uri($"http://127.0.0.1:{port}/");
                return;
            }
            catch (IOException) when (attempt < 5)
            {
                // Someone took the port between the check and the bind; pick another.
                await app.DisposeAsync();
            }
        }
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}

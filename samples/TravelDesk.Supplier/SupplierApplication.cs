using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using TravelDesk.Supplier.Diagnostics;
using TravelDesk.Supplier.Hosting;

namespace TravelDesk.Supplier;

/// <summary>
/// Hosts the supplier as its own web application inside another process (TravelDesk runs it on a loopback port when
/// no remote supplier is configured). The application reads no configuration files or environment variables: the
/// options passed in are the whole configuration, so the host's appsettings (its Kestrel endpoints, say) cannot leak in.
/// </summary>
public static class SupplierApplication
{
    /// <summary>
    /// Builds the supplier application listening on <paramref name="url"/> (<c>http://127.0.0.1:0</c> picks a free
    /// port: read it with <see cref="GetBoundAddress"/> after <c>StartAsync</c>). The caller starts, stops and disposes it.
    /// </summary>
    /// <param name="options">The settings; validated now and copied, so later changes to the instance have no effect.</param>
    /// <param name="url">The address to listen on.</param>
    /// <param name="timeProvider">The clock of latency, the rate limit and dates; default the system clock.</param>
    /// <param name="loggerFactory">Where logs go (the caller's factory is not disposed with the app); default a quiet console.</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">A setting is invalid; the message names it.</exception>
    public static WebApplication Create(SupplierOptions options, string url, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        var builder = CreateBuilder(options, timeProvider, loggerFactory);
        builder.WebHost.UseKestrelCore().UseUrls(url);
        var app = builder.Build();
        app.MapSupplier();
        return app;
    }

    /// <summary>The address the started application listens on, with the real port when it was asked for port 0.</summary>
    /// <exception cref="InvalidOperationException">The application has not been started, or listens nowhere.</exception>
    public static string GetBoundAddress(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        return addresses?.FirstOrDefault(a => !a.EndsWith(":0", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("The supplier has no bound address yet: call StartAsync first.");
    }

    /// <summary>The builder behind <see cref="Create"/>, without a server: tests put a TestServer in it.</summary>
    internal static WebApplicationBuilder CreateBuilder(SupplierOptions options, TimeProvider? timeProvider, ILoggerFactory? loggerFactory)
    {
        SupplierOptionsValidator.ThrowIfInvalid(options);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(SupplierApplication).Assembly.GetName().Name });
        builder.Services.AddRoutingCore();
        if (loggerFactory is not null)
        {
            // Registered as an instance, so the container does not dispose the caller's factory.
            builder.Services.AddSingleton(loggerFactory);
        }
        else
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Logging.AddFilter(SupplierLog.Category, LogLevel.Information);
        }

        if (timeProvider is not null)
        {
            builder.Services.AddSingleton(timeProvider);
        }

        builder.Services.ConfigureHttpJsonOptions(o => SupplierJson.Configure(o.SerializerOptions));
        // Copied now: Configure callbacks run when the options are first read, after the caller may have changed them.
        var snapshot = new SupplierOptions();
        options.CopyTo(snapshot);
        builder.Services.AddSupplier(snapshot.CopyTo);
        return builder;
    }
}

using System.Security.Cryptography;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Strata;
using Strata.AspNetCore;
using Strata.Redis;
using Strata.RateLimiting.AspNetCore;
using TravelDesk.Caching;
using TravelDesk.Configuration;
using TravelDesk.Data;
using TravelDesk.Hosting;
using TravelDesk.Quotas;
using TravelDesk.RateLimiting;
using TravelDesk.Resources;
using TravelDesk.Search;
using TravelDesk.Supplier;
using TravelDesk.Users;

namespace TravelDesk;

/// <summary>
/// Builds the TravelDesk service: every Strata part wired the way a production service would, on embedded defaults
/// (SQLite file, L1-only cache, in-process supplier) that the configuration can swap for Redis, PostgreSQL and a
/// remote supplier.
/// </summary>
public static class TravelDeskApplication
{
    /// <summary>Where the service listens unless <c>--urls</c> / <c>ASPNETCORE_URLS</c> says otherwise.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>The Redis URL setting (<c>--Strata:Redis=redis://127.0.0.1:6379</c>, env <c>STRATA__REDIS</c>).</summary>
    public const string RedisSetting = "Strata:Redis";

    /// <summary>The admin API key setting; generated (and printed) at start when absent.</summary>
    public const string AdminKeySetting = "Strata:Admin:ApiKey";

    /// <summary>Creates the application; <paramref name="configure"/> lets tests swap the server or services.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // appsettings.json is read from beside the binaries, so `dotnet run --project samples/TravelDesk` from the
        // repository root and `dotnet TravelDesk.dll` from anywhere behave the same. The SQLite file (a relative
        // path) still lands in the working directory.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        var adminKey = builder.Configuration[AdminKeySetting];
        var adminKeyGenerated = string.IsNullOrWhiteSpace(adminKey);
        if (adminKeyGenerated)
        {
            adminKey = RandomNumberGenerator.GetString("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789", 32);
        }

        AddServices(builder, adminKey!);
        builder.Services.AddSingleton(new StartupBanner.AdminKey(adminKey!, adminKeyGenerated));
        configure?.Invoke(builder);

        var app = builder.Build();
        MapPipeline(app);
        return app;
    }

    private static void AddServices(WebApplicationBuilder builder, string adminKey)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        // A misspelled setting (TravelDesk:CacheEnabld) fails start-up naming it instead of being silently ignored.
        services.AddOptions<TravelDeskOptions>()
            .Bind(configuration.GetSection(TravelDeskOptions.Section), static o => o.ErrorOnUnknownConfiguration = true)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<TravelDeskOptions>, TravelDeskOptionsValidator>();
        services.AddSingleton(TimeProvider.System);
        services.ConfigureHttpJsonOptions(o => TravelDeskJson.Apply(o.SerializerOptions));
        services.AddProblemDetails();
        services.AddOpenApi();
        services.AddHostedService<StartupBanner>();

        // The database: created and seeded before the server takes requests.
        var database = configuration.GetSection(TravelDeskOptions.Section).Get<TravelDeskOptions>()?.Database ?? new DatabaseSettings();
        DatabaseProviderDetector.Detect(database.Provider, database.ConnectionString, out var provider);
        services.AddTravelDeskDatabase(o =>
        {
            o.Provider = provider;
            o.ConnectionString = database.ConnectionString;
        });
        services.AddHostedService<DatabaseInitializer>();

        // The supplier (before warm-up, which calls it): in process unless TravelDesk:Supplier:Url names one; always over HTTP, through the limiter.
        var supplierUrl = configuration["TravelDesk:Supplier:Url"];
        if (string.IsNullOrWhiteSpace(supplierUrl))
        {
            services.AddSingleton(SupplierAddress.Embedded());
            services.AddOptions<SupplierOptions>().Bind(configuration.GetSection(SupplierOptions.Section));
            services.AddHostedService<EmbeddedSupplierHost>();
        }
        else
        {
            services.AddSingleton(provider => new SupplierAddress(Uri.TryCreate(supplierUrl, UriKind.Absolute, out _) ? SupplierAddress.WithTrailingSlash(supplierUrl) : null));
        }

        // The cache: L1 always; Redis as L2 (with coherence between instances) when Strata:Redis is set.
        var strata = services.AddStrata(o =>
            {
                o.KeyPrefix = configuration["Strata:KeyPrefix"] ?? "traveldesk";
                o.JsonSerializerOptions = TravelDeskJson.Options;
            })
            .WithPolicies(configuration.GetSection("Strata:Policies"))
            .WithTravelAdjusters()
            .AddHealthChecks();
        if (configuration[RedisSetting] is { Length: > 0 } redis)
        {
            strata.WithRedis(redis);
        }

        services.AddSingleton<TravelCache>();
        services.AddStrataResponseCaching(ResponsePolicies.Configure);
        services.AddStrataInvalidation();
        services.AddStrataWarmup();
        services.AddStrataWarmer<PopularAirportsWarmer>();
        services.AddStrataMetrics(o =>
        {
            o.AdditionalMeters.Add(SupplierClient.MeterName);
            o.AdditionalMeters.Add(TravelDeskDatabase.MeterName);
        });
        services.AddStrataAdmin(o => o.ApiKey = adminKey);

        services.AddSingleton<TravelDeskLimiters>();
        services.AddHttpClient<SupplierClient>((sp, http) =>
                http.Timeout = sp.GetRequiredService<IOptions<TravelDeskOptions>>().Value.Supplier.Timeout)
            .AddStrataRateLimit(o =>
            {
                o.LimiterFactory = sp => SupplierLimiter.Create(sp.GetRequiredService<TravelDeskLimiters>());
                o.MaxWait = configuration.GetSection(TravelDeskOptions.Section).Get<TravelDeskOptions>()?.Supplier.MaxWait ?? TimeSpan.FromSeconds(5);
            });

        // Kessan's per-key daily quota on searches.
        services.AddRateLimiter(o => o.UseStrataRejection());
        services.AddOptions<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>()
            .Configure<TravelDeskLimiters>((o, limiters) =>
                o.AddStrataPolicy(SearchEndpoints.QuotaPolicy, QuotaEndpoints.Partition, limiters.SearchQuota));
    }

    private static void MapPipeline(WebApplication app)
    {
        var cacheEnabled = app.Services.GetRequiredService<IOptions<TravelDeskOptions>>().Value.CacheEnabled;

        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRouting();
        app.UseStrataRateLimiter();
        app.UseStrataInvalidation();
        if (cacheEnabled)
        {
            app.UseStrataResponseCaching();
        }

        app.MapOpenApi();
        app.MapGet("/", () => Results.Redirect("/cache/dashboard")).ExcludeFromDescription();
        app.MapSearchEndpoints();
        app.MapLookupEndpoints();
        app.MapQuotaEndpoints();
        app.MapResourceEndpoints();
        app.MapUserEndpoints();

        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = c => c.Tags.Contains("live") });
        app.MapStrataMetrics();
        app.MapStrataAdmin("/cache");
        app.MapStrataDashboard("/cache/dashboard");
    }
}

using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using TravelDesk.Configuration;
using TravelDesk.Supplier;

namespace TravelDesk.Hosting;

/// <summary>
/// Prints, once the server listens, what a newcomer needs: the URLs of the API, the dashboard and the admin API, and
/// the admin key (generated at each start unless <c>Strata:Admin:ApiKey</c> is set).
/// </summary>
internal sealed class StartupBanner : IHostedService
{
    private readonly IHostApplicationLifetime _lifetime;
    private readonly IServer _server;
    private readonly AdminKey _adminKey;
    private readonly IConfiguration _configuration;
    private readonly IOptions<TravelDeskOptions> _options;
    private readonly SupplierAddress _supplier;
    private readonly TimeProvider _time;

    public StartupBanner(
        IHostApplicationLifetime lifetime, IServer server, AdminKey adminKey, IConfiguration configuration,
        IOptions<TravelDeskOptions> options, SupplierAddress supplier, TimeProvider time)
    {
        _lifetime = lifetime;
        _server = server;
        _adminKey = adminKey;
        _configuration = configuration;
        _options = options;
        _supplier = supplier;
        _time = time;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _lifetime.ApplicationStarted.Register(Print);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Print()
    {
        var url = _server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()?.TrimEnd('/') ?? TravelDeskApplication.DefaultUrl;
        var departure = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime).AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var redis = _configuration[TravelDeskApplication.RedisSetting];
        var options = _options.Value;
        var lines = new[]
        {
            string.Empty,
            $"TravelDesk is listening on {url}",
            $"  Try:        {url}/api/flights/search?origin=LAX&destination=JFK&departure={departure}",
            $"  OpenAPI:    {url}/openapi/v1.json",
            $"  Dashboard:  {url}/cache/dashboard",
            $"  Admin API:  {url}/cache/stats   (header  Authorization: Bearer <admin key>)",
            $"  Admin key:  {_adminKey.Value}" + (_adminKey.Generated ? "   (generated for this run; set Strata:Admin:ApiKey to keep one)" : "   (from configuration)"),
            $"  Metrics:    {url}/metrics   Health: {url}/health/ready, {url}/health/live",
            $"  Cache:      " + (!options.CacheEnabled ? "OFF (TravelDesk:CacheEnabled=false)" : string.IsNullOrEmpty(redis) ? "L1 memory only (add --Strata:Redis=redis://127.0.0.1:6379 for L2)" : $"L1 memory + Redis L2 ({RedactedRedis(redis)})"),
            $"  Database:   {DescribeDatabase(options.Database.ConnectionString)}",
            $"  Supplier:   {(_supplier.IsEmbedded ? "simulated, in process at " : string.Empty)}{_supplier.BaseAddress}",
            string.Empty,
        };
        Console.Out.Write(string.Join(Environment.NewLine, lines) + Environment.NewLine);
        Console.Out.Flush();
    }

    /// <summary>Where the data is, never the credentials: the SQLite file, or the PostgreSQL host and database.</summary>
    private static string DescribeDatabase(string connectionString)
    {
        var parts = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        return parts.TryGetValue("Data Source", out var file) ? $"SQLite {file}"
            : $"PostgreSQL {(parts.TryGetValue("Host", out var host) ? host : "?")}/{(parts.TryGetValue("Database", out var name) ? name : "?")}";
    }

    private static string RedactedRedis(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.UserInfo)
            ? url.Replace(uri.UserInfo + "@", "***@", StringComparison.Ordinal)
            : url;

    /// <summary>The admin key in force and whether it was generated for this run.</summary>
    public sealed record AdminKey(string Value, bool Generated);
}

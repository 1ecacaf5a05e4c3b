namespace TravelDesk.Configuration;

/// <summary>
/// The service's own settings, section <c>TravelDesk</c> (appsettings.json, environment <c>TRAVELDESK__...</c>, command
/// line <c>--TravelDesk:...</c>). The cache's settings live under <c>Strata</c>; the embedded supplier's under
/// <c>Supplier</c>. Validated at start-up: a bad value stops the service with a message naming the setting.
/// </summary>
public sealed class TravelDeskOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "TravelDesk";

    /// <summary>
    /// False turns every cache off (searches, resources, users): each request goes to the supplier or the database.
    /// It exists so the benchmark can measure the same service with and without Strata.
    /// </summary>
    public bool CacheEnabled { get; set; } = true;

    /// <summary>How TravelDesk reaches the travel supplier.</summary>
    public SupplierConnectionOptions Supplier { get; set; } = new();

    /// <summary>The database: SQLite by default, PostgreSQL with a PostgreSQL connection string.</summary>
    public DatabaseSettings Database { get; set; } = new();

    /// <summary>The per-API-key daily quota on search endpoints.</summary>
    public QuotaSettings Quota { get; set; } = new();
}

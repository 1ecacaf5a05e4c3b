using System.Text.Json;
using System.Text.Json.Serialization;

namespace TravelDesk.Supplier;

/// <summary>
/// The JSON of the supplier's API: web defaults (camelCase properties, case-insensitive reading) with enums as
/// camelCase strings (<c>"premiumEconomy"</c>). Clients can read answers with the same options.
/// </summary>
public static class SupplierJson
{
    /// <summary>The options the supplier writes (and reads <c>POST /control</c>) with; read-only.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>Adds what the supplier's JSON needs to a host's options (the enum converter).</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}

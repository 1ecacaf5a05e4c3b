using System.Text.Json;
using System.Text.Json.Serialization;

namespace TravelDesk.Hosting;

/// <summary>
/// One JSON shape for TravelDesk's API, the supplier's and the cache: web defaults (camelCase) with enums as camelCase
/// text, as the supplier sends them.
/// </summary>
internal static class TravelDeskJson
{
    public static readonly JsonSerializerOptions Options = Apply(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>For request bodies: an unknown property (a typo such as <c>maxPrise</c>) is an error naming it.</summary>
    public static readonly JsonSerializerOptions StrictRequests = Apply(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    });

    public static JsonSerializerOptions Apply(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        return options;
    }
}

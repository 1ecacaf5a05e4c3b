using System.Text.Json;
using System.Text.Json.Serialization;

namespace TravelDesk.Tests.Infrastructure;

/// <summary>The JSON shape of TravelDesk and the supplier: web defaults with camelCase enum names.</summary>
public static class TestJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}

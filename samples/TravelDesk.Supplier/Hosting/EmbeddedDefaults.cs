using Microsoft.Extensions.Configuration.Memory;

namespace TravelDesk.Supplier.Hosting;

/// <summary>
/// The project's appsettings.json, compiled in as a resource and added as the lowest-priority configuration source
/// of the standalone program. Not copied as a file: TravelDesk references this project, and two appsettings.json in
/// one publish output is an error (NETSDK1152) while in a build one would silently shadow the other.
/// </summary>
internal static class EmbeddedDefaults
{
    private const string ResourceName = "TravelDesk.Supplier.appsettings.json";

    public static void AddTo(IConfigurationManager configuration)
    {
        using var stream = typeof(EmbeddedDefaults).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The resource {ResourceName} is missing from the supplier assembly.");
        // Flattened into a memory source: a stream source cannot be loaded twice, and the configuration manager
        // reloads every source when one is inserted.
        var values = new ConfigurationBuilder().AddJsonStream(stream).Build().AsEnumerable()
            .Where(pair => pair.Value is not null)
            .ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.OrdinalIgnoreCase);
        configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = values });
    }
}

using TravelDesk.Supplier.Hosting;

namespace TravelDesk.Supplier;

/// <summary>
/// The supplier as its own process: <c>dotnet run --project samples/TravelDesk.Supplier -- --urls http://127.0.0.1:5090</c>.
/// An explicit class rather than top-level statements: TravelDesk references this project, and a second global
/// <c>Program</c> would clash with its own.
/// </summary>
public static class Program
{
    /// <summary>Where the supplier listens when neither <c>--urls</c>, <c>ASPNETCORE_URLS</c> nor Kestrel endpoints say.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5090";

    /// <summary>Runs until Ctrl+C or SIGTERM. Invalid settings print what is wrong and exit with code 1.</summary>
    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        EmbeddedDefaults.AddTo(builder.Configuration);
        if (string.IsNullOrWhiteSpace(builder.Configuration["urls"]) &&
            string.IsNullOrWhiteSpace(builder.Configuration["http_ports"]) &&
            string.IsNullOrWhiteSpace(builder.Configuration["https_ports"]) &&
            !builder.Configuration.GetSection("Kestrel:Endpoints").Exists())
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        // Checked before the host starts, so a bad setting prints one clear line rather than the host's stack trace;
        // ValidateOnStart stays as the backstop for anything that changes the options later.
        var problem = CheckSettings(builder.Configuration.GetSection(SupplierOptions.Section));
        if (problem is not null)
        {
            await Console.Error.WriteLineAsync("The supplier cannot start: " + problem).ConfigureAwait(false);
            Environment.ExitCode = 1;
            return;
        }

        builder.Services.ConfigureHttpJsonOptions(o => SupplierJson.Configure(o.SerializerOptions));
        builder.Services.AddSupplier(builder.Configuration.GetSection(SupplierOptions.Section));
        await using var app = builder.Build();
        app.MapSupplier();
        await app.RunAsync().ConfigureAwait(false);
    }

    private static string? CheckSettings(IConfigurationSection section)
    {
        var options = new SupplierOptions();
        try
        {
            section.Bind(options);
        }
        catch (InvalidOperationException exception)
        {
            // The binder's message names the key: "Failed to convert configuration value 'abc' at 'Supplier:Seed'...".
            return exception.Message;
        }

        var result = new SupplierOptionsValidator().Validate(null, options);
        return result.Failed ? string.Join("; ", result.Failures) : null;
    }
}

using System.Globalization;

using Strata.Benchmarks.Load;

namespace Strata.Benchmarks.TravelDesk;

/// <summary>
/// The settings of <c>traveldesk-demo</c>: two running TravelDesk instances sharing a supplier (scripts/demo.sh starts
/// them), their admin key, and the size of the workload.
/// </summary>
internal sealed class TravelDeskDemoOptions
{
    /// <summary>Instance A's base URL; required.</summary>
    public Uri InstanceA { get; private set; } = null!;

    /// <summary>Instance B's base URL; required.</summary>
    public Uri InstanceB { get; private set; } = null!;

    /// <summary>The supplier both use; required (its <c>/stats</c> counts the calls).</summary>
    public Uri Supplier { get; private set; } = null!;

    /// <summary>The admin key both instances were started with (for <c>/cache/stats</c>); required.</summary>
    public string AdminKey { get; private set; } = string.Empty;

    /// <summary>Whether the instances share a Redis (L2 and invalidation between them); only changes the wording.</summary>
    public bool Redis { get; private set; }

    /// <summary>Requests of the workload, alternating between A and B. Default 800.</summary>
    public int Requests { get; private set; } = 800;

    /// <summary>Requests in flight. Default 12.</summary>
    public int Concurrency { get; private set; } = 12;

    /// <summary>Searches replayed with and without the cache. Default 120.</summary>
    public int Replay { get; private set; } = 120;

    /// <summary>The workload's seed. Default 7.</summary>
    public int Seed { get; private set; } = 7;

    /// <summary>The trip template edited on A and read on B. Default 42.</summary>
    public int TemplateId { get; private set; } = 42;

    /// <exception cref="ArgumentException">An argument is unknown, missing its value, or out of range.</exception>
    public static TravelDeskDemoOptions Parse(ReadOnlySpan<string> args)
    {
        var options = new TravelDeskDemoOptions();
        foreach (var (name, value) in Arguments.Pairs(args))
        {
            switch (name)
            {
                case "--a":
                    options.InstanceA = ParseUrl(name, value);
                    break;
                case "--b":
                    options.InstanceB = ParseUrl(name, value);
                    break;
                case "--supplier":
                    options.Supplier = ParseUrl(name, value);
                    break;
                case "--admin-key":
                    options.AdminKey = value;
                    break;
                case "--redis":
                    options.Redis = value is "yes" or "true" or "1";
                    break;
                case "--requests":
                    options.Requests = Arguments.Int(name, value, 10, 1_000_000);
                    break;
                case "--concurrency":
                    options.Concurrency = Arguments.Int(name, value, 1, 1024);
                    break;
                case "--replay":
                    options.Replay = Arguments.Int(name, value, 1, 100_000);
                    break;
                case "--seed":
                    options.Seed = Arguments.Int(name, value, 0, int.MaxValue);
                    break;
                case "--template":
                    options.TemplateId = Arguments.Int(name, value, 1, int.MaxValue);
                    break;
                default:
                    throw new ArgumentException($"unknown argument '{name}'.");
            }
        }

        if (options.InstanceA is null || options.InstanceB is null || options.Supplier is null || options.AdminKey.Length == 0)
        {
            throw new ArgumentException("--a, --b, --supplier and --admin-key are required.");
        }

        return options;
    }

    private static Uri ParseUrl(string name, string value) =>
        Uri.TryCreate(value.EndsWith('/') ? value : value + "/", UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttp
            ? url
            : throw new ArgumentException($"{name} must be an http URL such as http://127.0.0.1:5080 (was '{value}').");
}

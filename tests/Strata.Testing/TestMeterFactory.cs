using System.Diagnostics.Metrics;

namespace Strata.Testing;

/// <summary>
/// An <see cref="IMeterFactory"/> of its own, so a test's meters are scoped to it (as a DI container's are) and
/// measurements from tests running in parallel never mix. Returns one meter per name, like the real factory.
/// </summary>
public sealed class TestMeterFactory : IMeterFactory
{
    private readonly Dictionary<string, Meter> _meters = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <inheritdoc />
    public Meter Create(MeterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        lock (_gate)
        {
            if (!_meters.TryGetValue(options.Name, out var meter))
            {
                meter = new Meter(new MeterOptions(options.Name) { Version = options.Version, Tags = options.Tags, Scope = this });
                _meters[options.Name] = meter;
            }

            return meter;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var meter in _meters.Values)
            {
                meter.Dispose();
            }

            _meters.Clear();
        }
    }
}

using TravelDesk.Supplier.Contracts;
using TravelDesk.Supplier.Simulation;
using static System.FormattableString;

namespace TravelDesk.Supplier.Faults;

/// <summary>
/// Simulated failures: a random share of requests (<see cref="SupplierOptions.ErrorRate"/>) and a full outage, both
/// changeable at run time through <c>POST /control</c>. The draws come from a generator seeded by the supplier seed,
/// so a single-threaded test sees the same failures on every run.
/// </summary>
internal sealed class FaultInjector(SupplierOptions options)
{
    private readonly Lock _gate = new();
    private readonly DeterministicRandom _random = DeterministicRandom.For(Invariant($"faults|{options.Seed}"));
    private double _errorRate = options.ErrorRate;
    private bool _outage = options.Outage;

    public SupplierControl Current
    {
        get
        {
            lock (_gate)
            {
                return new SupplierControl(_errorRate, _outage);
            }
        }
    }

    public bool Outage
    {
        get
        {
            lock (_gate)
            {
                return _outage;
            }
        }
    }

    /// <summary>Applies the non-null fields of <paramref name="control"/> (already validated) and returns the new state.</summary>
    public SupplierControl Apply(SupplierControl control)
    {
        lock (_gate)
        {
            _errorRate = control.ErrorRate ?? _errorRate;
            _outage = control.Outage ?? _outage;
            return new SupplierControl(_errorRate, _outage);
        }
    }

    /// <summary>Whether this request fails at random. A rate of 0 never draws; 1 always fails ([0, 1) is always below it).</summary>
    public bool NextFails()
    {
        lock (_gate)
        {
            return _errorRate > 0 && _random.NextDouble() < _errorRate;
        }
    }
}

using TravelDesk.Supplier.Contracts;

namespace TravelDesk.Supplier.Stats;

/// <summary>The counters of every operation, in the fixed order of <c>/stats</c>.</summary>
internal sealed class SupplierCounters
{
    private readonly OperationCounters[] _counters =
        SupplierOperationExtensions.All.Select(operation => new OperationCounters(operation)).ToArray();

    public OperationCounters this[SupplierOperation operation] => _counters[(int)operation];

    public IReadOnlyList<SupplierOperationStats> Snapshot() => _counters.Select(c => c.Snapshot()).ToArray();

    public void Reset()
    {
        foreach (var counters in _counters)
        {
            counters.Reset();
        }
    }
}

using TravelDesk.Supplier.Contracts;

namespace TravelDesk.Supplier.Stats;

/// <summary>
/// The counters of one operation, updated with <see cref="Interlocked"/> from concurrent requests. A snapshot reads
/// each counter atomically but not all four at one instant: under load a request may show as received and not yet
/// answered, which is the truth.
/// </summary>
internal sealed class OperationCounters(SupplierOperation operation)
{
    private long _requests;
    private long _served;
    private long _rateLimited;
    private long _failed;

    public void Received() => Interlocked.Increment(ref _requests);

    public void Served() => Interlocked.Increment(ref _served);

    public void RateLimited() => Interlocked.Increment(ref _rateLimited);

    public void Failed() => Interlocked.Increment(ref _failed);

    public SupplierOperationStats Snapshot() => new(
        operation.Name(),
        Interlocked.Read(ref _requests),
        Interlocked.Read(ref _served),
        Interlocked.Read(ref _rateLimited),
        Interlocked.Read(ref _failed));

    public void Reset()
    {
        Interlocked.Exchange(ref _requests, 0);
        Interlocked.Exchange(ref _served, 0);
        Interlocked.Exchange(ref _rateLimited, 0);
        Interlocked.Exchange(ref _failed, 0);
    }
}

namespace TravelDesk.Supplier;

/// <summary>
/// The state of a cached supplier search: the client, the canonical query and the call to make. The cache hands it to
/// the factory and to the policy's duration adjusters, which read the query's dates (see <c>TravelPolicies</c>).
/// </summary>
public readonly record struct SupplierCall<TQuery, TResponse>(
    SupplierClient Supplier,
    TQuery Query,
    Func<SupplierClient, TQuery, CancellationToken, Task<TResponse>> Send)
{
    public ValueTask<TResponse> SendAsync(CancellationToken cancellationToken) => new(Send(Supplier, Query, cancellationToken));
}

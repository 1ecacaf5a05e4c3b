namespace TravelDesk.Supplier;

/// <summary>
/// The state of a cached supplier call: the client and the canonical query. The cache hands it to the factory and to
/// the policy's duration adjusters, which read the query's dates (see <c>TravelPolicies</c>).
/// </summary>
public readonly record struct SupplierCall<TQuery>(SupplierClient Supplier, TQuery Query);

namespace TravelDesk.Supplier.Contracts;

/// <summary>
/// Fault injection, read by <c>GET /stats</c> and changed by <c>POST /control</c> (null fields are left as they are):
/// the error rate (0–1) of every operation, and an outage switch that fails every request with 503.
/// </summary>
public sealed record SupplierControl(double? ErrorRate, bool? Outage);

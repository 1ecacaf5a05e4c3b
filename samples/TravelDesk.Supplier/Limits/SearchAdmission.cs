namespace TravelDesk.Supplier.Limits;

/// <summary>The limiter's answer to one search: admitted, or rejected with the whole seconds to wait (at least 1).</summary>
internal readonly record struct SearchAdmission(bool Admitted, int RetryAfterSeconds);

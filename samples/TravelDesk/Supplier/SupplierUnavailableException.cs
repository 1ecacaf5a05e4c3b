namespace TravelDesk.Supplier;

/// <summary>
/// The supplier did not answer usefully: a 5xx, a 429 past our own limiter, a timeout or a broken connection. The cache
/// turns it into stale data when it has some (fail-safe); otherwise the caller gets a 503 with
/// <see cref="RetryAfter"/> when known.
/// </summary>
public sealed class SupplierUnavailableException : Exception
{
    public SupplierUnavailableException(string operation, int? statusCode, TimeSpan? retryAfter, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Operation = operation;
        StatusCode = statusCode;
        RetryAfter = retryAfter;
    }

    /// <summary>The supplier operation, e.g. <c>flights</c>.</summary>
    public string Operation { get; }

    /// <summary>The supplier's HTTP status, or null when there was no response.</summary>
    public int? StatusCode { get; }

    /// <summary>When the supplier (or our limiter) said to try again, if it did.</summary>
    public TimeSpan? RetryAfter { get; }
}

namespace Strata.AspNetCore.Invalidation;

/// <summary>One invalidation the middleware applied (or tried to), as the admin dashboard lists it.</summary>
/// <param name="At">When it was applied (the cache's <see cref="TimeProvider"/>).</param>
/// <param name="Kind">Tag or namespace.</param>
/// <param name="Target">The tag or namespace name.</param>
/// <param name="Source">Endpoint metadata or a rule.</param>
/// <param name="Origin">The endpoint's display name, or the rule (<c>POST /v1.0/user/create*</c>).</param>
/// <param name="Method">The triggering request's method.</param>
/// <param name="Path">The triggering request's path (no query string).</param>
/// <param name="StatusCode">The triggering response's status code.</param>
/// <param name="Error">Null when it was applied; otherwise why it failed.</param>
internal sealed record InvalidationRecord(
    DateTimeOffset At,
    InvalidationKind Kind,
    string Target,
    InvalidationSource Source,
    string Origin,
    string Method,
    string Path,
    int StatusCode,
    string? Error);

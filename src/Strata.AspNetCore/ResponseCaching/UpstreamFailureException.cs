using System.Diagnostics.CodeAnalysis;

namespace Strata.AspNetCore.ResponseCaching;

/// <summary>
/// Thrown by the cache's factory when the endpoint answered 5xx or threw, so the engine's fail-safe can serve a stale
/// copy (stale-if-error). It carries whose run failed: that request sends its own captured error response (or
/// re-throws <see cref="Error"/>); other requests that waited on the run run the endpoint themselves.
/// Never escapes the middleware.
/// </summary>
[SuppressMessage("Design", "CA1032:Implement standard exception constructors", Justification = "Private signal between the factory and the middleware; always built with its owner.")]
[SuppressMessage("Design", "CA1064:Exceptions should be public", Justification = "Never escapes the middleware.")]
internal sealed class UpstreamFailureException : Exception
{
    public UpstreamFailureException(MissState owner, Exception? error)
        : base("The endpoint failed while producing a response for the cache.", error)
    {
        Owner = owner;
        Error = error;
    }

    /// <summary>The request whose endpoint run failed.</summary>
    public MissState Owner { get; }

    /// <summary>The endpoint's exception, or null when it answered with a 5xx status.</summary>
    public Exception? Error { get; }
}

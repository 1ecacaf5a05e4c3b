using Microsoft.AspNetCore.Http;

namespace Strata.AspNetCore.Invalidation;

/// <summary>
/// A request's invalidations, waiting for its outcome. Applied exactly once, by whichever comes first: the response
/// starting (<c>OnStarting</c>: the status is final and not one byte has reached the client yet) or the endpoint
/// returning without having started it.
/// </summary>
internal sealed class PendingInvalidation(StrataInvalidationMiddleware middleware, HttpContext context, List<InvalidationTarget> targets)
{
    private int _ran;
    private volatile bool _failed;

    public HttpContext Context { get; } = context;

    public List<InvalidationTarget> Targets { get; } = targets;

    // Captured when the request entered the middleware: later middleware may rewrite the path.
    public string Method { get; } = context.Request.Method;

    public string Path { get; } = context.Request.Path.Value is { Length: > 0 } path ? path : "/";

    /// <summary>The endpoint threw: whatever status the error response gets, nothing is invalidated.</summary>
    public void MarkFailed() => _failed = true;

    public Task RunOnceAsync()
    {
        if (Interlocked.Exchange(ref _ran, 1) != 0)
        {
            return Task.CompletedTask;
        }

        return middleware.ApplyAsync(this, _failed);
    }
}

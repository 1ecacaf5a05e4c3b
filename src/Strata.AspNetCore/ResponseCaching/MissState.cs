using System.Collections;
using Microsoft.AspNetCore.Http;

namespace Strata.AspNetCore.ResponseCaching;

/// <summary>
/// One request's call into the engine: the state its factory gets (run the endpoint on this request's context) and
/// the lazy tag list (expanded from route values only when the engine stores an entry, not on hits).
/// A guard makes sure the factory never touches the context once the request has moved on: the factory claims the
/// state before running and the middleware closes it after the engine returns, waiting for a claimed run to finish.
/// Should the engine ever call the factory late (a background refresh with this state), the run finds the state
/// closed and returns <see cref="CachedResponse.NotStorable"/> without touching the context.
/// </summary>
internal sealed class MissState : IEnumerable<string>
{
    private const int Open = 0;
    private const int Claimed = 1;
    private const int Closed = 2;
    private const int Finished = 3;

    private int _phase;
    private TaskCompletionSource? _finished;

    public MissState(ResponseCachingMiddleware owner, HttpContext context, EndpointPlan plan)
    {
        Owner = owner;
        Context = context;
        Plan = plan;
    }

    /// <summary>The middleware whose pipeline the factory runs.</summary>
    public ResponseCachingMiddleware Owner { get; }

    public HttpContext Context { get; }

    public EndpointPlan Plan { get; }

    /// <summary>The buffered body, when this request's factory ran.</summary>
    public ResponseCaptureStream? Capture { get; set; }

    /// <summary>The response this request's run stored.</summary>
    public CachedResponse? Stored { get; set; }

    /// <summary>Why this request's run did not store its response.</summary>
    public string? NotStoredReason { get; set; }

    /// <summary>Response headers set before the endpoint ran (by middleware ahead of the cache), restored when a stale
    /// copy replaces the endpoint's failed response.</summary>
    public KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>[]? HeadersBefore { get; set; }

    /// <summary>The endpoint's exception after its response had started streaming (re-thrown by the middleware).</summary>
    public Exception? StreamedError { get; set; }

    /// <summary>Called by the factory before it touches the context; false when the request has moved on.</summary>
    public bool TryClaim()
    {
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _finished = finished;
        return Interlocked.CompareExchange(ref _phase, Claimed, Open) == Open;
    }

    /// <summary>Called by the factory when it no longer touches the context.</summary>
    public void MarkFinished()
    {
        Volatile.Write(ref _phase, Finished);
        _finished!.TrySetResult();
    }

    /// <summary>Closes the state if no run claimed it (the synchronous hit path); true when closed by this call.</summary>
    public bool TryCloseUnclaimed() => Interlocked.CompareExchange(ref _phase, Closed, Open) == Open;

    /// <summary>Closes the state; completes when a run that claimed it has finished with the context.</summary>
    public Task CloseAsync() =>
        Interlocked.CompareExchange(ref _phase, Closed, Open) == Claimed ? _finished!.Task : Task.CompletedTask;

    public IEnumerator<string> GetEnumerator()
    {
        // The engine reads tags synchronously inside the call, while the request is live; never after.
        if (Volatile.Read(ref _phase) is Closed or Finished)
        {
            yield break;
        }

        var values = Context.Request.RouteValues;
        foreach (var template in Plan.TagTemplates)
        {
            if (template.Expand(values) is { } tag)
            {
                yield return tag;
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

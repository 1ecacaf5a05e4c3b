namespace Strata.Resp.Tracking;

/// <summary>
/// Keys that changed on the server, or "flush everything": what a client-side cache must stop serving.
/// </summary>
public sealed class RespInvalidation
{
    internal RespInvalidation(IReadOnlyList<string>? keys, RespInvalidationReason reason)
    {
        Keys = keys;
        Reason = reason;
    }

    /// <summary>The changed keys; <c>null</c> when everything must be dropped (see <see cref="IsFlushAll"/>).</summary>
    public IReadOnlyList<string>? Keys { get; }

    /// <summary>Whether every locally cached value must be dropped.</summary>
    public bool IsFlushAll => Keys is null;

    /// <summary>Why the invalidation was raised.</summary>
    public RespInvalidationReason Reason { get; }
}

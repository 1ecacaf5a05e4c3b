namespace Strata.Resp.Tracking;

/// <summary>Why an invalidation was raised.</summary>
public enum RespInvalidationReason
{
    /// <summary>The server reported changed keys, or a flush of everything (<c>FLUSHALL</c>/<c>FLUSHDB</c>).</summary>
    Server,

    /// <summary>The connection was lost: invalidations may be missed until it is back, so drop everything.</summary>
    ConnectionLost,

    /// <summary>The connection is back and tracking is on again: drop anything cached while it was down.</summary>
    Reconnected,
}

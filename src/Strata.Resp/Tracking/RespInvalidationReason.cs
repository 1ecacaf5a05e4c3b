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

    /// <summary>
    /// Redis Cluster: slots changed owner (failover, resharding), so keys tracked on the old owner may have changed
    /// on the new one unheard; drop everything. Tracking is on at the new owner before any read reaches it.
    /// </summary>
    TopologyChanged,
}

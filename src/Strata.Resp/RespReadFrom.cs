namespace Strata.Resp;

/// <summary>Which nodes of a Redis Cluster serve a <see cref="RespClient"/>'s read-only commands.</summary>
public enum RespReadFrom
{
    /// <summary>Every command goes to the primary of its slot: reads see every acknowledged write. The default.</summary>
    Primary,

    /// <summary>
    /// Read-only commands (<c>GET</c>, <c>MGET</c>, <c>EXISTS</c>, <c>PTTL</c>) go to a healthy replica of their slot,
    /// on a connection that sent <c>READONLY</c>; the primary serves them when the slot has no replica, the replica is
    /// down or unresponsive, or it redirects. Replication is asynchronous, so a read right after a write may not see it.
    /// Writes and scripts always go to primaries.
    /// </summary>
    PreferReplica,
}

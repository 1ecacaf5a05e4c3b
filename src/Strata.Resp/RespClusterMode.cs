namespace Strata.Resp;

/// <summary>Whether a <see cref="RespClient"/> treats its server as a Redis Cluster.</summary>
public enum RespClusterMode
{
    /// <summary>
    /// Asks the first server during the handshake (<c>INFO cluster</c>, <c>cluster_enabled:1</c>) and routes by
    /// hash slot when it is a cluster node. The default.
    /// </summary>
    Auto,

    /// <summary>The endpoints are cluster nodes: route by hash slot without asking.</summary>
    Enabled,

    /// <summary>Never route: one connection to <see cref="RespClientOptions.Host"/>, as for a single server.</summary>
    Disabled,
}

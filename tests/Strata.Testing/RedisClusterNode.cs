using System.Globalization;

namespace Strata.Testing;

/// <summary>
/// One node of a <see cref="RedisCluster"/>. The object stays the same across failovers and restarts: its
/// <see cref="Port"/> and <see cref="NodeId"/> never change (the id lives in the node's <c>nodes.conf</c>), its
/// <see cref="ProcessId"/> changes on <see cref="RedisCluster.RestartAsync"/>. Roles are not stored here because they
/// change on failover; ask <see cref="RedisCluster.PrimariesAsync"/> / <see cref="RedisCluster.ReplicasAsync"/>.
/// </summary>
public sealed class RedisClusterNode
{
    private volatile int _processId;

    internal RedisClusterNode(int port, string nodeId, int processId)
    {
        Port = port;
        NodeId = nodeId;
        _processId = processId;
    }

    /// <summary>Always <c>127.0.0.1</c>: nodes bind to loopback only.</summary>
    public string Host => "127.0.0.1";

    public int Port { get; }

    /// <summary><c>127.0.0.1:PORT</c>, as the node appears in MOVED/ASK redirections.</summary>
    public string Endpoint => $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The 40-character cluster node id (<c>CLUSTER MYID</c>).</summary>
    public string NodeId { get; }

    /// <summary>The id of the node's current redis-server process; it changes on restart.</summary>
    public int ProcessId
    {
        get => _processId;
        internal set => _processId = value;
    }

    /// <summary>Whether the process is alive (a paused node counts as running; a zombie does not).</summary>
    public bool IsRunning => RedisClusterProcesses.IsAlive(ProcessId);

    /// <summary>Whether the node was paused with <see cref="RedisCluster.Pause"/> and not resumed yet.</summary>
    public bool IsPaused { get; internal set; }

    public override string ToString() => $"{Endpoint} ({NodeId[..Math.Min(8, NodeId.Length)]}, pid {ProcessId})";
}

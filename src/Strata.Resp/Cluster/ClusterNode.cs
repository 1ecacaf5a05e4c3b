namespace Strata.Resp.Cluster;

/// <summary>A cluster node as the client reaches it: the address to connect to and, when known, its node id.</summary>
internal sealed class ClusterNode(string host, int port, string? id)
{
    public string Host { get; } = host;

    public int Port { get; } = port;

    /// <summary>The node id from the topology; null for a node learned from a redirect.</summary>
    public string? Id { get; } = id;

    /// <summary><c>host:port</c> (<c>[v6]:port</c>): the key connections are kept under.</summary>
    public string EndPoint { get; } = FormatEndPoint(host, port);

    public static string FormatEndPoint(string host, int port) =>
        host.Contains(':', StringComparison.Ordinal) ? $"[{host}]:{port}" : $"{host}:{port}";

    public override string ToString() => EndPoint;
}

namespace Strata.Resp.Cluster;

/// <summary>One shard of a topology reply: its slot ranges (inclusive), its primary and its replicas.</summary>
internal sealed record ClusterShard(IReadOnlyList<(int Start, int End)> Ranges, ClusterNode? Primary, IReadOnlyList<ClusterNode> Replicas);

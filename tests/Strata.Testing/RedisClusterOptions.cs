namespace Strata.Testing;

/// <summary>How a test <see cref="RedisCluster"/> is laid out. Every node is loopback-only and keeps no data on disk.</summary>
public sealed class RedisClusterOptions
{
    /// <summary>Number of primaries (at least 3); default 3.</summary>
    public int Primaries { get; set; } = 3;

    /// <summary>Replicas per primary; default 1.</summary>
    public int ReplicasPerPrimary { get; set; } = 1;

    /// <summary>How long <c>redis-cluster.sh start</c> may take (create plus replica sync); default 60 seconds.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The script that starts and stops the cluster; default <see langword="null"/>: <c>scripts/redis-cluster.sh</c> in the
    /// repository (found upwards from the test binaries).
    /// </summary>
    public string? ScriptPath { get; set; }

    /// <summary>The CLI executable used by <see cref="RedisCluster.CliAsync(RedisClusterNode, string[])"/>; default <c>redis-cli</c>.</summary>
    public string CliPath { get; set; } = "redis-cli";

    internal RedisClusterOptions Clone() => (RedisClusterOptions)MemberwiseClone();
}

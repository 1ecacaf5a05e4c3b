namespace Strata.Resp.Tests.Cluster;

/// <summary>
/// The classes that start a real Redis Cluster run one after another and alone (no other test class in parallel):
/// each starts six redis-servers and some fail nodes over, which on two cores would starve other tests' timeouts.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterTestCollection
{
    public const string Name = "redis-cluster-serial";
}

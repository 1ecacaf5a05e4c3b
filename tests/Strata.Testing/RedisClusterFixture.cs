using Xunit;

namespace Strata.Testing;

/// <summary>
/// An xunit class/collection fixture that owns one <see cref="RedisCluster"/>. Derive and override
/// <see cref="CreateOptions"/> for another layout.
/// </summary>
public class RedisClusterFixture : IAsyncLifetime
{
    private RedisCluster? _cluster;

    public RedisCluster Cluster => _cluster ?? throw new InvalidOperationException("The fixture has not been initialized.");

    public string ConnectionString => Cluster.ConnectionString;

    public async Task InitializeAsync() => _cluster = await RedisCluster.StartAsync(CreateOptions()).ConfigureAwait(false);

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The options for the cluster; 3 primaries with 1 replica each by default.</summary>
    protected virtual RedisClusterOptions CreateOptions() => new();
}

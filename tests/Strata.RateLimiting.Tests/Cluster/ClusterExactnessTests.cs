using System.Threading.RateLimiting;
using Strata.Resp;
using Strata.Resp.Cluster;
using Strata.Testing;

namespace Strata.RateLimiting.Tests.Cluster;

/// <summary>
/// Every Redis algorithm on a real Redis Cluster (3 primaries, 3 replicas): two limiters, each on its own cluster
/// client (two "nodes" of an app), acquire concurrently on several partitions whose state lives on different primaries,
/// and never admit more than the limit in total. A partition's keys carry the hash tag <c>{policy:partition}</c>, so
/// each script runs on its partition's slot.
/// </summary>
[Collection(ClusterTestCollection.Name)]
public sealed class ClusterExactnessTests(RedisClusterFixture fixture) : IClassFixture<RedisClusterFixture>, IAsyncLifetime
{
    private const int Limit = 20;
    private RespClient _first = null!;
    private RespClient _second = null!;

    public static TheoryData<string> Algorithms => ["gcra", "swc", "swl", "quota", "concurrency"];

    public async Task InitializeAsync()
    {
        _first = await RespClient.ConnectAsync(fixture.ConnectionString);
        _second = await RespClient.ConnectAsync(fixture.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public async Task AcquireAsync_ThreeTimesTheLimitFromTwoClients_AdmitsExactlyTheLimitPerPartition(string algorithm)
    {
        _first.IsCluster.ShouldBeTrue();
        var prefix = $"rl-{Guid.NewGuid():N}:";
        using var a = Create(algorithm, _first, prefix);
        using var b = Create(algorithm, _second, prefix);
        string[] partitions = ["user:1", "user:2", "user:3", "user:4", "user:5", "user:6"];
        var primaries = new HashSet<int>();
        foreach (var partition in partitions)
        {
            primaries.Add((await fixture.Cluster.PrimaryOfSlotAsync(HashSlot.Of($"{prefix}{{{algorithm}:{partition}}}"))).Port);
        }

        primaries.Count.ShouldBeGreaterThan(1, "the partitions' state spans several primaries");

        var attempts = partitions
            .SelectMany(p => Enumerable.Range(0, 3 * Limit).Select(i => (Partition: p, Limiter: i % 2 == 0 ? a : b)))
            .Select(x => Task.Run(async () => (x.Partition, Lease: await x.Limiter.AcquireAsync(x.Partition))))
            .ToArray();
        var results = await Task.WhenAll(attempts);

        foreach (var group in results.GroupBy(r => r.Partition))
        {
            group.Count(r => r.Lease.IsAcquired).ShouldBe(Limit, $"partition {group.Key}");
        }

        (await a.GetUsageAsync(partitions[0])).Remaining.ShouldBe(0);
        var keys = new List<string>();
        await foreach (var key in _first.ScanKeysAsync(prefix + "*"))
        {
            keys.Add(key);
        }

        keys.ShouldNotBeEmpty();
        keys.ShouldAllBe(k => partitions.Any(p => HashSlot.Of(k) == HashSlot.Of($"{{{algorithm}:{p}}}")), "each key is in its partition's slot");
        foreach (var (_, lease) in results)
        {
            lease.Dispose();
        }
    }

    private static StrataPartitionedRateLimiter Create(string algorithm, RespClient client, string prefix)
    {
        var redis = new RedisRateLimiterOptions
        {
            Client = client,
            KeyPrefix = prefix,
            FailurePolicy = RedisFailurePolicy.FailClosed,
            OperationTimeout = TimeSpan.FromSeconds(10),
        };
        return algorithm switch
        {
            "gcra" => StrataRateLimiter.CreateGcra(new GcraRateLimiterOptions { PolicyName = algorithm, PermitLimit = Limit, Window = TimeSpan.FromMinutes(1) }, redis),
            "swc" => StrataRateLimiter.CreateSlidingWindowCounter(new SlidingWindowCounterRateLimiterOptions { PolicyName = algorithm, PermitLimit = Limit, Window = TimeSpan.FromDays(1) }, redis),
            "swl" => StrataRateLimiter.CreateSlidingWindowLog(new SlidingWindowLogRateLimiterOptions { PolicyName = algorithm, PermitLimit = Limit, Window = TimeSpan.FromMinutes(1) }, redis),
            "quota" => StrataRateLimiter.CreateQuota(new QuotaRateLimiterOptions { PolicyName = algorithm, PermitLimit = Limit, Period = QuotaPeriod.Month }, redis),
            "concurrency" => StrataRateLimiter.CreateConcurrency(new ConcurrencyRateLimiterOptions { PolicyName = algorithm, PermitLimit = Limit }, redis),
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, null),
        };
    }
}

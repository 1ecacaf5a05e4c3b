using Strata.Resp.Cluster;
using Strata.Testing;

namespace Strata.Resp.Tests.Cluster;

[Collection(ClusterTestCollection.Name)]
public sealed class ClusterMultiKeyTests(RedisClusterFixture fixture) : IClassFixture<RedisClusterFixture>
{
    [Fact]
    public async Task MultiKeyCommands_KeysAcrossSlots_SplitAndReassembleInCallersOrder()
    {
        await using var client = await RespClient.ConnectAsync(fixture.ConnectionString);
        var keys = Enumerable.Range(0, 40).Select(i => $"multi:{i}").ToArray();
        keys.Select(HashSlot.Of).Distinct().Count().ShouldBeGreaterThan(30);

        await client.MSetAsync(keys.Select(k => KeyValuePair.Create(k, (ReadOnlyMemory<byte>)System.Text.Encoding.UTF8.GetBytes("v" + k))).ToArray());
        var asked = keys.Reverse().Append("multi:missing").ToArray();
        var values = await client.MGetAsync(asked);
        var bytes = await client.MGetBytesAsync(asked);

        values.ShouldBe(asked.Select(k => k == "multi:missing" ? null : "v" + k).ToArray());
        bytes[0].ShouldBe(System.Text.Encoding.UTF8.GetBytes("v" + asked[0]));
        bytes[^1].ShouldBeNull();
        (await client.ExistsAsync([.. keys, "multi:missing", keys[0]])).ShouldBe(41);
        (await client.UnlinkAsync(keys[..10])).ShouldBe(10);
        (await client.DeleteAsync([.. keys, "multi:missing"])).ShouldBe(30);
        (await client.ExistsAsync(keys)).ShouldBe(0);
        client.ClusterStatistics.Moved.ShouldBe(0);
    }

    [Fact]
    public async Task ScanKeysAsync_Cluster_FindsKeysOnEveryPrimary()
    {
        await using var client = await RespClient.ConnectAsync(fixture.ConnectionString);
        var keys = Enumerable.Range(0, 300).Select(i => $"scan:{i}").ToArray();
        await Task.WhenAll(keys.Select(k => client.SetAsync(k, "x").AsTask()));

        var found = new HashSet<string>();
        await foreach (var key in client.ScanKeysAsync("scan:*", pageSize: 50))
        {
            found.Add(key);
        }

        found.SetEquals(keys).ShouldBeTrue();
    }

    [Fact]
    public async Task ScriptLoad_Cluster_EvalShaWorksOnEveryPrimary()
    {
        await using var client = await RespClient.ConnectAsync(fixture.ConnectionString);
        var sha = await client.ScriptLoadAsync("return KEYS[1]");

        foreach (var key in Enumerable.Range(0, 30).Select(i => $"script:{i}"))
        {
            (await client.ExecuteAsync("EVALSHA", sha, 1, key)).ToString().ShouldBe(key);
        }
    }
}

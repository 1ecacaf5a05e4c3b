using System.Text;
using Strata.Testing;

namespace Strata.Resp.Tests.Integration;

/// <summary>The typed commands against a real server, in both protocols.</summary>
public sealed class ClientCommandTests(RedisServerFixture fixture) : IClassFixture<RedisServerFixture>
{
    public static TheoryData<RespProtocol> Protocols => [RespProtocol.Resp3, RespProtocol.Resp2];

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task Connect_RequestedProtocol_IsNegotiated(RespProtocol protocol)
    {
        await using var client = await ConnectAsync(protocol);

        client.Protocol.ShouldBe(protocol);
        client.IsConnected.ShouldBeTrue();
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task SetThenGet_StringAndBytes_RoundTrip(RespProtocol protocol)
    {
        await using var client = await ConnectAsync(protocol);
        var key = Key(protocol);
        byte[] binary = [0, 13, 10, 255, 36, 42];

        (await client.SetAsync(key + ":s", "héllo wörld")).ShouldBeTrue();
        (await client.SetAsync(key + ":b", binary)).ShouldBeTrue();

        (await client.GetAsync(key + ":s")).ShouldBe("héllo wörld");
        (await client.GetBytesAsync(key + ":b")).ShouldBe(binary);
        using (var lease = await client.GetLeaseAsync(key + ":b"))
        {
            lease.ShouldNotBeNull().Span.ToArray().ShouldBe(binary);
        }

        (await client.GetAsync(key + ":missing")).ShouldBeNull();
        (await client.GetLeaseAsync(key + ":missing")).ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task Set_Conditions_WriteOnlyWhenTheyHold(RespProtocol protocol)
    {
        await using var client = await ConnectAsync(protocol);
        var key = Key(protocol);

        (await client.SetAsync(key, "first", condition: RespSetCondition.IfExists)).ShouldBeFalse();
        (await client.SetAsync(key, "first", condition: RespSetCondition.IfNotExists)).ShouldBeTrue();
        (await client.SetAsync(key, "second", condition: RespSetCondition.IfNotExists)).ShouldBeFalse();
        (await client.SetAsync(key, "third", condition: RespSetCondition.IfExists)).ShouldBeTrue();
        (await client.GetAsync(key)).ShouldBe("third");

        var old = await client.SetAndGetAsync(key, "fourth"u8.ToArray());
        Encoding.UTF8.GetString(old.ShouldNotBeNull()).ShouldBe("third");
        (await client.SetAndGetAsync(key + ":new", "x"u8.ToArray())).ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task Expiry_PxAndPExpire_SetTimeToLive(RespProtocol protocol)
    {
        await using var client = await ConnectAsync(protocol);
        var key = Key(protocol);

        await client.SetAsync(key, "v", expiry: TimeSpan.FromMinutes(10));
        var ttl = (await client.TimeToLiveAsync(key)).ShouldNotBeNull();
        ttl.ShouldBeInRange(TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));

        await client.SetAsync(key + ":persistent", "v");
        (await client.TimeToLiveAsync(key + ":persistent")).ShouldBe(Timeout.InfiniteTimeSpan);
        (await client.ExpireAsync(key + ":persistent", TimeSpan.FromHours(1))).ShouldBeTrue();
        (await client.TimeToLiveAsync(key + ":persistent")).ShouldNotBeNull().ShouldBeGreaterThan(TimeSpan.FromMinutes(59));

        (await client.TimeToLiveAsync(key + ":missing")).ShouldBeNull();
        (await client.ExpireAsync(key + ":missing", TimeSpan.FromHours(1))).ShouldBeFalse();
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task MultiKey_MSetMGetExistsDeleteUnlink_AgreeWithEachOther(RespProtocol protocol)
    {
        await using var client = await ConnectAsync(protocol);
        var key = Key(protocol);
        string[] keys = [key + ":1", key + ":2", key + ":3"];

        await client.MSetAsync([new(keys[0], "one"u8.ToArray()), new(keys[1], "two"u8.ToArray())]);

        (await client.MGetAsync(keys)).ShouldBe(["one", "two", null]);
        (await client.MGetBytesAsync(keys))[1].ShouldBe("two"u8.ToArray());
        (await client.ExistsAsync(keys)).ShouldBe(2);
        (await client.ExistsAsync(keys[0])).ShouldBeTrue();
        (await client.DeleteAsync(keys[0])).ShouldBeTrue();
        (await client.DeleteAsync(keys[0])).ShouldBeFalse();
        (await client.UnlinkAsync(keys)).ShouldBe(1);
        (await client.ExistsAsync(keys)).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task Counters_IncrAndIncrBy_ReturnNewValues(RespProtocol protocol)
    {
        await using var client = await ConnectAsync(protocol);
        var key = Key(protocol);

        (await client.IncrAsync(key)).ShouldBe(1);
        (await client.IncrByAsync(key, 41)).ShouldBe(42);
        (await client.IncrByAsync(key, -50)).ShouldBe(-8);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task ScanKeys_MatchingPattern_ReturnsEveryKeyAndNoOther(RespProtocol protocol)
    {
        await using var client = await ConnectAsync(protocol);
        var prefix = Key(protocol);
        var expected = Enumerable.Range(0, 600).Select(i => $"{prefix}:{i}").ToHashSet();
        await Task.WhenAll(expected.Select(k => client.SetAsync(k, "v").AsTask()));
        await client.SetAsync(prefix + "-other", "v");

        var found = new HashSet<string>();
        await foreach (var key in client.ScanKeysAsync(prefix + ":*", pageSize: 100))
        {
            found.Add(key);
        }

        found.SetEquals(expected).ShouldBeTrue();
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task ServerCommands_PingInfoTime_Answer(RespProtocol protocol)
    {
        await using var client = await ConnectAsync(protocol);

        (await client.PingAsync()).ShouldBeGreaterThanOrEqualTo(TimeSpan.Zero);
        (await client.InfoAsync("server")).ShouldContain("redis_version:");
        var serverTime = await client.TimeAsync();
        (serverTime - DateTimeOffset.UtcNow).Duration().ShouldBeLessThan(TimeSpan.FromMinutes(1));
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task Execute_GenericCommands_ReturnTrees(RespProtocol protocol)
    {
        await using var client = await ConnectAsync(protocol);
        var key = Key(protocol);

        (await client.ExecuteAsync("HSET", key, "a", 1, "b", 2.5)).AsInt64().ShouldBe(2);
        var all = await client.ExecuteAsync("HGETALL", key);
        all.Items.Select(static item => item.AsString()).ShouldBe(["a", "1", "b", "2.5"]);
        (await client.ExecuteAsync("HGET", key, "missing")).IsNull.ShouldBeTrue();
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task ServerError_WrongType_ThrowsServerExceptionAndConnectionStaysUsable(RespProtocol protocol)
    {
        await using var client = await ConnectAsync(protocol);
        var key = Key(protocol);
        await client.ExecuteAsync("LPUSH", key, "x");

        var error = await Should.ThrowAsync<RespServerException>(async () => await client.GetAsync(key));

        error.ErrorCode.ShouldBe("WRONGTYPE");
        await client.SetAsync(key + ":ok", "fine");
        (await client.GetAsync(key + ":ok")).ShouldBe("fine");
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task ClientName_IsSetInBothProtocols(RespProtocol protocol)
    {
        var options = RespClientOptions.Parse(fixture.ConnectionString);
        options.Protocol = protocol;
        options.ClientName = "strata-test-" + protocol;
        await using var client = await RespClient.ConnectAsync(options);

        (await client.ExecuteAsync("CLIENT", "GETNAME")).AsString().ShouldBe("strata-test-" + protocol);
    }

    [Fact]
    public async Task Database_FromConnectionString_IsSelected()
    {
        await using var client = await RespClient.ConnectAsync(fixture.ConnectionString + "/3");
        await using var other = await RespClient.ConnectAsync(fixture.ConnectionString);
        var key = Key(RespProtocol.Resp3) + ":db";

        await client.SetAsync(key, "in-db-3");

        (await other.GetAsync(key)).ShouldBeNull();
        (await client.ExecuteAsync("CLIENT", "INFO")).AsString().ShouldNotBeNull().ShouldContain(" db=3 ");
    }

    private Task<RespClient> ConnectAsync(RespProtocol protocol)
    {
        var options = RespClientOptions.Parse(fixture.ConnectionString);
        options.Protocol = protocol;
        return RespClient.ConnectAsync(options);
    }

    private static string Key(RespProtocol protocol, [System.Runtime.CompilerServices.CallerMemberName] string test = "") => $"{test}:{protocol}";
}

using Strata.Resp.Scripting;
using Strata.Testing;

namespace Strata.Resp.Tests.Integration;

/// <summary>Scripts are sent by SHA and re-sent by source when the server has lost them.</summary>
public sealed class ScriptTests(RedisServerFixture fixture) : IClassFixture<RedisServerFixture>
{
    private static readonly RespScript Increment = new("return redis.call('INCRBY', KEYS[1], ARGV[1])");

    [Fact]
    public async Task Evaluate_AfterScriptFlush_ReloadsAndRuns()
    {
        await using var client = await RespClient.ConnectAsync(fixture.ConnectionString);

        (await client.EvaluateAsync(Increment, ["script:counter"], [5])).AsInt64().ShouldBe(5);
        (await fixture.Server.CliAsync("SCRIPT", "EXISTS", Increment.Sha1)).ShouldBe("1");

        (await fixture.Server.CliAsync("SCRIPT", "FLUSH")).ShouldBe("OK");
        (await fixture.Server.CliAsync("SCRIPT", "EXISTS", Increment.Sha1)).ShouldBe("0");

        (await client.EvaluateAsync(Increment, ["script:counter"], [2])).AsInt64().ShouldBe(7);
        (await fixture.Server.CliAsync("SCRIPT", "EXISTS", Increment.Sha1)).ShouldBe("1");
    }

    [Fact]
    public async Task ScriptLoad_ReturnsTheSha1TheClientComputes()
    {
        await using var client = await RespClient.ConnectAsync(fixture.ConnectionString);

        (await client.ScriptLoadAsync(Increment.Source)).ShouldBe(Increment.Sha1);
    }

    [Fact]
    public async Task Evaluate_ScriptError_ThrowsServerException()
    {
        await using var client = await RespClient.ConnectAsync(fixture.ConnectionString);

        var error = await Should.ThrowAsync<RespServerException>(() => client.EvaluateAsync("return redis.call('NOPE')"));

        error.Message.ShouldContain("Unknown Redis command");
    }

    [Fact]
    public async Task Evaluate_ReturnsNestedTables()
    {
        await using var client = await RespClient.ConnectAsync(fixture.ConnectionString);

        var reply = await client.EvaluateAsync("return {1, 'two', {3}}");

        reply.Items.Count.ShouldBe(3);
        reply.Items[0].AsInt64().ShouldBe(1);
        reply.Items[1].AsString().ShouldBe("two");
        reply.Items[2].Items[0].AsInt64().ShouldBe(3);
    }
}

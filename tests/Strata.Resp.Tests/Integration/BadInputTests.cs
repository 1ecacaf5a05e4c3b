using Strata.Testing;

namespace Strata.Resp.Tests.Integration;

/// <summary>Bad input fails before anything is sent, with a message naming what was wrong.</summary>
public sealed class BadInputTests(RedisServerFixture fixture) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task NullOrEmptyKey_Throws()
    {
        await using var client = await RespClient.ConnectAsync(fixture.ConnectionString);

        Should.Throw<ArgumentNullException>(() => client.GetAsync(null!)).ParamName.ShouldBe("key");
        Should.Throw<ArgumentException>(() => client.SetAsync("", "v")).Message.ShouldContain("empty");
        Should.Throw<ArgumentException>(() => client.MGetAsync([]));
        Should.Throw<ArgumentException>(() => client.DeleteAsync(["ok", ""]));
    }

    [Fact]
    public async Task ValueOverMaxLength_ThrowsAndStoresNothing()
    {
        var options = RespClientOptions.Parse(fixture.ConnectionString);
        options.MaxValueLength = 1024;
        await using var client = await RespClient.ConnectAsync(options);

        var error = Should.Throw<ArgumentException>(() => client.SetAsync("too-big", new byte[1025]));

        error.Message.ShouldContain("1025 bytes");
        error.Message.ShouldContain("MaxValueLength");
        (await client.ExistsAsync("too-big")).ShouldBeFalse();
        (await client.SetAsync("just-fits", new byte[1024])).ShouldBeTrue();
    }

    [Fact]
    public async Task ScriptArgumentOverMaxLength_ThrowsAndRunsNothing()
    {
        var options = RespClientOptions.Parse(fixture.ConnectionString);
        options.MaxValueLength = 1024;
        await using var client = await RespClient.ConnectAsync(options);
        var script = new Strata.Resp.Scripting.RespScript("return redis.call('SET', KEYS[1], ARGV[1])");

        var error = await Should.ThrowAsync<ArgumentException>(() => client.EvaluateAsync(script, ["script-too-big"], [new byte[1025]]));
        await Should.ThrowAsync<ArgumentException>(() => client.EvaluateAsync(script.Source, ["script-too-big"], [new byte[1025]]));

        error.Message.ShouldContain("MaxValueLength");
        (await client.ExistsAsync("script-too-big")).ShouldBeFalse();
    }

    [Fact]
    public async Task NonPositiveExpiry_Throws()
    {
        await using var client = await RespClient.ConnectAsync(fixture.ConnectionString);

        Should.Throw<ArgumentOutOfRangeException>(() => client.SetAsync("k", "v", TimeSpan.Zero));
        Should.Throw<ArgumentOutOfRangeException>(() => client.ExpireAsync("k", TimeSpan.FromSeconds(-1)));
        (await client.ExistsAsync("k")).ShouldBeFalse();
    }

    [Theory]
    [InlineData("SUBSCRIBE")]
    [InlineData("psubscribe")]
    [InlineData("MONITOR")]
    public async Task Execute_ModeChangingCommand_ThrowsAndConnectionStaysUsable(string command)
    {
        await using var client = await RespClient.ConnectAsync(fixture.ConnectionString);

        Should.Throw<ArgumentException>(() => client.ExecuteAsync(command, "x")).Message.ShouldContain("SubscribeAsync");
        (await client.ExecuteAsync("ECHO", "still fine")).AsString().ShouldBe("still fine");
    }

    [Fact]
    public async Task Disposed_ThrowsObjectDisposed()
    {
        var client = await RespClient.ConnectAsync(fixture.ConnectionString);
        await client.DisposeAsync();

        await Should.ThrowAsync<ObjectDisposedException>(async () => await client.GetAsync("k"));
    }
}

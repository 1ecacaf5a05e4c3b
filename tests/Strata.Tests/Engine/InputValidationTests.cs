namespace Strata.Tests.Engine;

/// <summary>Bad input gets a clear exception naming what was wrong, and nothing is stored.</summary>
public sealed class InputValidationTests
{
    private static readonly StrataEntryOptions Options = new() { Duration = TimeSpan.FromMinutes(1) };

    [Fact]
    public async Task GetOrCreate_NullKey_ThrowsArgumentNull()
    {
        using var harness = new CacheHarness();
        await Should.ThrowAsync<ArgumentNullException>(async () => await harness.Cache.GetOrCreateAsync(null!, 0, static (_, _) => ValueTask.FromResult(1), Options));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("bad\u0001key")]
    public async Task SetAsync_InvalidKey_ThrowsArgumentAndStoresNothing(string key)
    {
        using var harness = new CacheHarness(withL2: true);
        await Should.ThrowAsync<ArgumentException>(async () => await harness.Cache.SetAsync(key, "v", Options));
        harness.Engine.L1Count.ShouldBe(0);
        harness.Store!.Keys.ShouldBeEmpty();
    }

    [Fact]
    public async Task SetAsync_OversizeValue_ThrowsNamingTheLimitAndStoresNothing()
    {
        using var harness = new CacheHarness(o => o.MaximumPayloadBytes = 100, withL2: true);
        var error = await Should.ThrowAsync<ArgumentException>(async () => await harness.Cache.SetAsync("k", new string('x', 200), Options));
        error.Message.ShouldContain("MaximumPayloadBytes");
        harness.Engine.L1Count.ShouldBe(0);
        harness.Store!.Keys.ShouldBeEmpty();
    }

    [Fact]
    public async Task SetManyAsync_OneOversizeValue_StoresNoneOfThem()
    {
        using var harness = new CacheHarness(o => o.MaximumPayloadBytes = 100, withL2: true);
        await Should.ThrowAsync<ArgumentException>(async () => await harness.Cache.SetManyAsync<string>(
            [new("a", "small"), new("b", new string('x', 200))], Options));
        harness.Engine.L1Count.ShouldBe(0);
        harness.Store!.Keys.ShouldBeEmpty();
    }

    [Fact]
    public async Task GetOrCreate_OversizeFactoryResult_IsReturnedButNotCached()
    {
        using var harness = new CacheHarness(o => o.MaximumPayloadBytes = 100);
        var calls = 0;
        for (var i = 0; i < 2; i++)
        {
            (await harness.Cache.GetOrCreateAsync("k", 0, (_, _) =>
            {
                calls++;
                return ValueTask.FromResult(new string('x', 200));
            }, Options)).Length.ShouldBe(200);
        }

        calls.ShouldBe(2);
    }

    [Theory]
    [InlineData("Duration", -1)]
    [InlineData("Duration", 0)]
    [InlineData("FailSafeMaxStale", -1)]
    [InlineData("StaleWhileRevalidate", -1)]
    [InlineData("Jitter", -1)]
    public async Task GetOrCreate_NegativeOrZeroDurations_ThrowNamingTheOption(string property, int seconds)
    {
        var value = TimeSpan.FromSeconds(seconds);
        var options = property switch
        {
            "Duration" => new StrataEntryOptions { Duration = value },
            "FailSafeMaxStale" => new StrataEntryOptions { FailSafeMaxStale = value },
            "StaleWhileRevalidate" => new StrataEntryOptions { StaleWhileRevalidate = value },
            _ => new StrataEntryOptions { Jitter = value },
        };
        using var harness = new CacheHarness();

        var error = await Should.ThrowAsync<ArgumentException>(async () => await harness.Cache.GetOrCreateAsync("k", 0, static (_, _) => ValueTask.FromResult(1), options));
        error.ParamName.ShouldBe(property);
        harness.Engine.L1Count.ShouldBe(0);
    }

    [Fact]
    public void Options_EarlyRefreshBetaAndFraction_AreExclusive()
    {
        var error = Should.Throw<ArgumentException>(() => new StrataEntryOptions { EarlyRefreshBeta = 1, EarlyRefreshFraction = 0.5 }.Validate());
        error.Message.ShouldContain("EarlyRefreshBeta");
    }

    [Fact]
    public void Options_SoftTimeoutNotShorterThanHard_Throws()
    {
        Should.Throw<ArgumentException>(() => new StrataEntryOptions { FactorySoftTimeout = TimeSpan.FromSeconds(2), FactoryHardTimeout = TimeSpan.FromSeconds(2) }.Validate())
            .ParamName.ShouldBe("FactorySoftTimeout");
    }

    [Theory]
    [InlineData("bad:prefix")]
    [InlineData("")]
    public void CacheOptions_InvalidPrefix_ThrowsNamingKeyPrefix(string prefix)
    {
        Should.Throw<ArgumentException>(() => new StrataCacheOptions { KeyPrefix = prefix }.Validate()).ParamName.ShouldBe("KeyPrefix");
    }

    [Fact]
    public void Namespace_InvalidName_Throws()
    {
        using var harness = new CacheHarness();
        Should.Throw<ArgumentException>(() => harness.Cache.Namespace("a:b")).Message.ShouldContain("namespace");
    }

    [Fact]
    public async Task Tags_StarOnAnEntry_IsRejected()
    {
        using var harness = new CacheHarness();
        await Should.ThrowAsync<ArgumentException>(async () => await harness.Cache.SetAsync("k", 1, Options, tags: ["*"]));
        harness.Engine.L1Count.ShouldBe(0);
    }
}

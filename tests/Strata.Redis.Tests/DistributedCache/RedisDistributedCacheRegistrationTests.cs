using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Strata.Redis.DistributedCache;
using Strata.Redis.Tests.Infrastructure;
using Strata.Testing;

namespace Strata.Redis.Tests.DistributedCache;

/// <summary>The service-collection registration and the options' validation messages.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisDistributedCacheRegistrationTests(RedisFixture redis)
{
    [Fact]
    public async Task AddStrataRedisDistributedCache_ConnectionString_ResolvesBothInterfacesToOneSingleton()
    {
        await using var provider = new ServiceCollection().AddStrataRedisDistributedCache(redis.ConnectionString).BuildServiceProvider();

        var distributed = provider.GetRequiredService<IDistributedCache>();

        distributed.ShouldBeOfType<RedisDistributedCache>();
        provider.GetRequiredService<IBufferDistributedCache>().ShouldBeSameAs(distributed);
        provider.GetRequiredService<RedisDistributedCache>().ShouldBeSameAs(distributed);
        provider.GetRequiredService<IDistributedCache>().ShouldBeSameAs(distributed);
    }

    [Fact]
    public async Task AddStrataRedisDistributedCache_Resolved_TalksToRedis()
    {
        var prefix = RedisFixture.NewPrefix("dc-di") + ":";
        await using var provider = new ServiceCollection()
            .AddStrataRedisDistributedCache(options =>
            {
                options.ConnectionString = redis.ConnectionString;
                options.KeyPrefix = prefix;
            })
            .BuildServiceProvider();
        var cache = provider.GetRequiredService<IDistributedCache>();

        await cache.SetStringAsync("k", "v");

        (await cache.GetStringAsync("k")).ShouldBe("v");
        (await redis.KeysAsync(prefix)).ShouldBe([prefix + "k"]);
    }

    [Fact]
    public async Task AddStrataRedisDistributedCache_AfterAddDistributedMemoryCache_ReplacesIt()
    {
        var services = new ServiceCollection().AddDistributedMemoryCache();

        services.AddStrataRedisDistributedCache(redis.ConnectionString);

        await using var provider = services.BuildServiceProvider();
        provider.GetServices<IDistributedCache>().ShouldHaveSingleItem().ShouldBeOfType<RedisDistributedCache>();
    }

    [Fact]
    public async Task AddDistributedMemoryCache_AfterAddStrataRedisDistributedCache_DoesNotReplaceIt()
    {
        var services = new ServiceCollection().AddStrataRedisDistributedCache(redis.ConnectionString);

        services.AddDistributedMemoryCache();

        await using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IDistributedCache>().ShouldBeOfType<RedisDistributedCache>();
    }

    [Fact]
    public async Task AddStrataRedisDistributedCache_NoTimeProviderInOptions_UsesTheContainersClock()
    {
        var prefix = RedisFixture.NewPrefix("dc-di") + ":";
        var clock = new ManualTimeProvider(new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection().AddSingleton<TimeProvider>(clock);
        services.AddStrataRedisDistributedCache(options =>
        {
            options.Client = redis.Client;
            options.KeyPrefix = prefix;
        });
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<IDistributedCache>().SetAsync("k", [1], new DistributedCacheEntryOptions
        {
            AbsoluteExpiration = clock.GetUtcNow().AddMinutes(10),
        });

        (await redis.Client.TimeToLiveAsync(prefix + "k")).ShouldNotBeNull()
            .ShouldBeInRange(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(10));
    }

    [Fact]
    public async Task ProviderDispose_SharedClient_LeavesItOpenAndDoesNotThrowWhenSynchronous()
    {
        var provider = new ServiceCollection()
            .AddStrataRedisDistributedCache(options => options.Client = redis.Client)
            .BuildServiceProvider();
        _ = provider.GetRequiredService<IDistributedCache>();

        // A synchronous Dispose refuses singletons that are only IAsyncDisposable; the cache is both.
        Should.NotThrow(provider.Dispose);

        (await redis.Client.PingAsync()).ShouldBeGreaterThanOrEqualTo(TimeSpan.Zero);
    }

    [Fact]
    public void Resolve_NeitherConnectionStringNorClient_ThrowsOptionsValidationExceptionNamingBoth()
    {
        using var provider = new ServiceCollection().AddStrataRedisDistributedCache(static _ => { }).BuildServiceProvider();

        var error = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IDistributedCache>());

        error.Message.ShouldContain("RedisDistributedCacheOptions.ConnectionString");
        error.Message.ShouldContain("RedisDistributedCacheOptions.Client");
    }

    [Fact]
    public void Resolve_BothConnectionStringAndClient_ThrowsOptionsValidationException()
    {
        using var provider = new ServiceCollection()
            .AddStrataRedisDistributedCache(options =>
            {
                options.ConnectionString = redis.ConnectionString;
                options.Client = redis.Client;
            })
            .BuildServiceProvider();

        var error = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IBufferDistributedCache>());

        error.Message.ShouldContain("only one of RedisDistributedCacheOptions.ConnectionString and RedisDistributedCacheOptions.Client");
    }

    [Theory]
    [InlineData("http://localhost:6379")]
    [InlineData("redis://localhost:99999")]
    public void Resolve_MalformedConnectionString_ThrowsOptionsValidationExceptionNamingIt(string connectionString)
    {
        using var provider = new ServiceCollection().AddStrataRedisDistributedCache(connectionString).BuildServiceProvider();

        var error = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IDistributedCache>());

        error.Message.ShouldContain("RedisDistributedCacheOptions.ConnectionString is invalid");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Resolve_NonPositiveOperationTimeout_ThrowsOptionsValidationExceptionNamingIt(int milliseconds)
    {
        using var provider = new ServiceCollection()
            .AddStrataRedisDistributedCache(options =>
            {
                options.Client = redis.Client;
                options.OperationTimeout = TimeSpan.FromMilliseconds(milliseconds);
            })
            .BuildServiceProvider();

        var error = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IDistributedCache>());

        error.Message.ShouldContain("RedisDistributedCacheOptions.OperationTimeout");
    }

    [Fact]
    public void Resolve_NullKeyPrefix_ThrowsOptionsValidationExceptionNamingIt()
    {
        using var provider = new ServiceCollection()
            .AddStrataRedisDistributedCache(options =>
            {
                options.Client = redis.Client;
                options.KeyPrefix = null!;
            })
            .BuildServiceProvider();

        var error = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IDistributedCache>());

        error.Message.ShouldContain("RedisDistributedCacheOptions.KeyPrefix");
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsArgumentExceptionNamingEachOption()
    {
        var options = new RedisDistributedCacheOptions { OperationTimeout = TimeSpan.Zero };

        var error = Should.Throw<ArgumentException>(() => new RedisDistributedCache(options));

        error.Message.ShouldStartWith("Invalid RedisDistributedCacheOptions:");
        error.Message.ShouldContain("ConnectionString");
        error.Message.ShouldContain("OperationTimeout");
    }

    [Fact]
    public void Validate_ConnectionStringWithPassword_DoesNotEchoThePassword()
    {
        var options = new RedisDistributedCacheOptions { ConnectionString = "redis://user:s3cret@localhost:notaport" };

        var error = Should.Throw<ArgumentException>(options.Validate);

        error.Message.ShouldContain("ConnectionString");
        error.Message.ShouldNotContain("s3cret");
    }

    [Fact]
    public void Validate_DefaultsWithAClient_Pass()
    {
        var options = new RedisDistributedCacheOptions { Client = redis.Client };

        Should.NotThrow(options.Validate);
        options.KeyPrefix.ShouldBe(string.Empty);
        options.OperationTimeout.ShouldBeNull();
        options.TimeProvider.ShouldBeNull();
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void AddStrataRedisDistributedCache_BlankConnectionString_ThrowsArgumentException(string connectionString)
    {
        Should.Throw<ArgumentException>(() => new ServiceCollection().AddStrataRedisDistributedCache(connectionString));
    }
}

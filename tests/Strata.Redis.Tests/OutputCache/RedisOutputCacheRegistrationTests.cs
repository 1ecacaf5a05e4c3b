using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Strata.Redis.AspNetCore;
using Strata.Redis.AspNetCore.OutputCaching;
using Strata.Redis.Tests.Infrastructure;
using Strata.Resp;
using Strata.Testing;

namespace Strata.Redis.Tests.OutputCache;

[Collection(RedisCollection.Name)]
public sealed class RedisOutputCacheRegistrationTests
{
    private readonly RedisFixture _redis;
    private readonly string _prefix = RedisFixture.NewPrefix("oc-di") + ":";

    public RedisOutputCacheRegistrationTests(RedisFixture redis) => _redis = redis;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AddStrataRedisOutputCache_EitherOrderWithAddOutputCache_OnlyOurStoreIsRegistered(bool outputCacheFirst)
    {
        var services = new ServiceCollection();
        if (outputCacheFirst)
        {
            services.AddOutputCache();
        }

        services.AddStrataRedisOutputCache(_redis.ConnectionString);
        if (!outputCacheFirst)
        {
            services.AddOutputCache();
        }

        services.Count(static d => d.ServiceType == typeof(IOutputCacheStore)).ShouldBe(1);
        await using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<IOutputCacheStore>();
        store.ShouldBeOfType<RedisOutputCacheStore>();
        store.ShouldBeAssignableTo<IOutputCacheBufferStore>();
        provider.GetRequiredService<IOutputCacheStore>().ShouldBeSameAs(store);
    }

    [Fact]
    public async Task AddStrataRedisOutputCache_ConnectionString_StoreRoundTripsThroughRedis()
    {
        var services = new ServiceCollection();
        services.AddStrataRedisOutputCache(options =>
        {
            options.ConnectionString = _redis.ConnectionString;
            options.KeyPrefix = _prefix;
            options.OperationTimeout = OutputCacheTestTimeouts.Generous;
        });
        await using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<IOutputCacheStore>();

        await store.SetAsync("k", [42], ["t"], TimeSpan.FromMinutes(1), default);

        (await store.GetAsync("k", default)).ShouldBe([42]);
        (await _redis.Client.GetBytesAsync($"{_prefix}e:k")).ShouldBe([42]);
    }

    [Fact]
    public async Task DisposingTheContainer_OwnedClient_IsDisposed()
    {
        var services = new ServiceCollection();
        services.AddStrataRedisOutputCache(options =>
        {
            options.ConnectionString = _redis.ConnectionString;
            options.OperationTimeout = OutputCacheTestTimeouts.Generous;
        });
        var provider = services.BuildServiceProvider();
        var store = (RedisOutputCacheStore)provider.GetRequiredService<IOutputCacheStore>();
        (await store.GetAsync("absent", default)).ShouldBeNull(); // connected

        await provider.DisposeAsync();

        store.Client.IsConnected.ShouldBeFalse();
        await Should.ThrowAsync<ObjectDisposedException>(() => store.GetAsync("absent", default).AsTask());
    }

    [Fact]
    public async Task DisposingTheContainer_SharedClient_StaysOpen()
    {
        await using var client = await RespClient.ConnectAsync(_redis.ConnectionString);
        var services = new ServiceCollection();
        services.AddStrataRedisOutputCache(options => options.Client = client);
        var provider = services.BuildServiceProvider();
        ((RedisOutputCacheStore)provider.GetRequiredService<IOutputCacheStore>()).Client.ShouldBeSameAs(client);

        await provider.DisposeAsync();

        client.IsConnected.ShouldBeTrue();
        await client.PingAsync();
    }

    [Fact]
    public void DisposingTheContainerSynchronously_OwnedClient_DoesNotThrow()
    {
        var services = new ServiceCollection();
        services.AddStrataRedisOutputCache(_redis.ConnectionString);
        var provider = services.BuildServiceProvider();
        var store = (RedisOutputCacheStore)provider.GetRequiredService<IOutputCacheStore>();

        Should.NotThrow(provider.Dispose);

        store.Client.IsConnected.ShouldBeFalse();
    }

    [Fact]
    public async Task OptionsConfiguredFromTheContainer_RespClientRegistered_IsUsed()
    {
        await using var client = await RespClient.ConnectAsync(_redis.ConnectionString);
        var services = new ServiceCollection();
        services.AddSingleton(client);
        services.AddStrataRedisOutputCache(static _ => { });
        services.AddOptions<RedisOutputCacheOptions>().Configure<RespClient>(static (options, shared) => options.Client = shared);
        await using var provider = services.BuildServiceProvider();

        ((RedisOutputCacheStore)provider.GetRequiredService<IOutputCacheStore>()).Client.ShouldBeSameAs(client);
    }

    [Fact]
    public async Task OperationTimeout_NoTimeProviderOption_UsesTheContainersClock()
    {
        var clock = new ManualTimeProvider();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddStrataRedisOutputCache(options =>
        {
            options.ConnectionString = _redis.ConnectionString;
            options.OperationTimeout = TimeSpan.FromMilliseconds(200);
        });
        await using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<IOutputCacheStore>();
        await store.SetAsync("k", [1], null, TimeSpan.FromMinutes(1), default); // connected before the server stops

        _redis.Server.Pause();
        try
        {
            var pending = store.GetAsync("k", default).AsTask();
            clock.Advance(TimeSpan.FromMilliseconds(200));

            await Should.ThrowAsync<RespTimeoutException>(pending);
        }
        finally
        {
            _redis.Server.Resume();
        }
    }

    [Fact]
    public async Task HostStart_InvalidOptions_FailsNamingTheOption()
    {
        using var host = new HostBuilder()
            .ConfigureWebHost(web => web
                .UseTestServer()
                .ConfigureServices(static services => services.AddOutputCache().AddStrataRedisOutputCache(static options => options.KeyPrefix = "app:"))
                .Configure(static app => app.UseOutputCache()))
            .Build();

        var error = await Should.ThrowAsync<OptionsValidationException>(() => host.StartAsync());

        error.Message.ShouldContain("RedisOutputCacheOptions.ConnectionString");
    }

    [Fact]
    public void AddStrataRedisOutputCache_BadArguments_Throw()
    {
        var services = new ServiceCollection();

        Should.Throw<ArgumentNullException>(() => services.AddStrataRedisOutputCache((Action<RedisOutputCacheOptions>)null!));
        Should.Throw<ArgumentNullException>(() => services.AddStrataRedisOutputCache((string)null!));
        Should.Throw<ArgumentException>(() => services.AddStrataRedisOutputCache(" "));
        Should.Throw<ArgumentNullException>(() => ((IServiceCollection)null!).AddStrataRedisOutputCache("redis://localhost"));
        services.ShouldBeEmpty();
    }

    [Fact]
    public void Options_Defaults_AreTheDocumentedOnes()
    {
        var options = new RedisOutputCacheOptions();

        options.ConnectionString.ShouldBeNull();
        options.Client.ShouldBeNull();
        options.KeyPrefix.ShouldBe("strata:oc:");
        options.OperationTimeout.ShouldBe(TimeSpan.FromSeconds(1));
        options.TimeProvider.ShouldBeNull();
    }

    public static TheoryData<string, Action<RedisOutputCacheOptions>, string> InvalidOptions => new()
    {
        { "ConnectionString", static o => o.ConnectionString = null, "Set RedisOutputCacheOptions.ConnectionString or RedisOutputCacheOptions.Client" },
        { "ConnectionString", static o => o.ConnectionString = " ", "Set RedisOutputCacheOptions.ConnectionString or RedisOutputCacheOptions.Client" },
        { "ConnectionString", static o => o.ConnectionString = "http://localhost", "RedisOutputCacheOptions.ConnectionString is invalid" },
        { "ConnectionString", static o => o.ConnectionString = "redis://localhost/notadb", "RedisOutputCacheOptions.ConnectionString is invalid" },
        { "KeyPrefix", static o => o.KeyPrefix = null!, "RedisOutputCacheOptions.KeyPrefix must not be null" },
        { "OperationTimeout", static o => o.OperationTimeout = TimeSpan.Zero, "RedisOutputCacheOptions.OperationTimeout must be positive" },
        { "OperationTimeout", static o => o.OperationTimeout = TimeSpan.FromSeconds(-2), "RedisOutputCacheOptions.OperationTimeout must be positive" },
        { "OperationTimeout", static o => o.OperationTimeout = TimeSpan.FromDays(30), "RedisOutputCacheOptions.OperationTimeout must be positive" },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Validate_InvalidOption_ThrowsNamingIt(string option, Action<RedisOutputCacheOptions> configure, string message)
    {
        var options = new RedisOutputCacheOptions { ConnectionString = "redis://localhost:6379" };
        configure(options);

        var error = Should.Throw<ArgumentException>(options.Validate);

        error.ParamName.ShouldBe(option);
        error.Message.ShouldContain(message);
    }

    [Fact]
    public async Task Validate_BothConnectionStringAndClient_ThrowsNamingBoth()
    {
        await using var client = await RespClient.ConnectAsync(_redis.ConnectionString);
        var options = new RedisOutputCacheOptions { ConnectionString = _redis.ConnectionString, Client = client };

        var error = Should.Throw<ArgumentException>(options.Validate);

        error.Message.ShouldContain("only one of RedisOutputCacheOptions.ConnectionString and RedisOutputCacheOptions.Client");
    }

    [Fact]
    public void Validate_InfiniteOperationTimeoutAndEmptyPrefix_AreAccepted()
    {
        var options = new RedisOutputCacheOptions
        {
            ConnectionString = "redis://localhost:6379",
            KeyPrefix = "",
            OperationTimeout = Timeout.InfiniteTimeSpan,
        };

        Should.NotThrow(options.Validate);
    }

    [Fact]
    public void Validate_PasswordInABadConnectionString_IsNotRepeated()
    {
        var options = new RedisOutputCacheOptions { ConnectionString = "redis://app:hunter2@localhost/notadb?bogus=1" };

        var error = Should.Throw<ArgumentException>(options.Validate);

        error.Message.ShouldNotContain("hunter2");
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Strata.Testing;
using TravelDesk.Data.Tests.Infrastructure;

namespace TravelDesk.Data.Tests.Hosting;

public sealed class ServiceCollectionTests
{
    [Fact]
    public async Task AddTravelDeskDatabase_RegistersEverythingAsSingletonsWithTheContainersClock()
    {
        using var directory = new TempDirectory();
        var clock = new ManualTimeProvider();
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(clock)
            .AddTravelDeskDatabase(o =>
            {
                o.ConnectionString = directory.SqliteConnectionString();
                o.SeedSize = 20;
            });
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        var database = provider.GetRequiredService<TravelDeskDatabase>();

        database.ShouldBeSameAs(provider.GetRequiredService<TravelDeskDatabase>());
        database.TimeProvider.ShouldBeSameAs(clock);
        database.SeedSize.ShouldBe(20);
        provider.GetRequiredService<ResourceQueries>().ShouldBeSameAs(provider.GetRequiredService<ResourceQueries>());
        provider.GetRequiredService<TemplateStore>().ShouldNotBeNull();
        provider.GetRequiredService<RecommendationQuery>().ShouldNotBeNull();
        provider.GetRequiredService<UserStore>().ShouldNotBeNull();
        provider.GetRequiredService<StatsQueries>().ShouldNotBeNull();
        (await database.EnsureCreatedAsync()).ShouldBeTrue();
        (await provider.GetRequiredService<ResourceQueries>().GetTripTypesAsync()).Count.ShouldBe(8);
    }

    [Fact]
    public void AddTravelDeskDatabase_InvalidOptions_FailValidationWithTheReason()
    {
        var services = new ServiceCollection().AddTravelDeskDatabase(static o => o.SeedSize = 1);
        using var provider = services.BuildServiceProvider();

        var ex = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<TravelDeskDatabase>());

        ex.Message.ShouldContain("SeedSize");
    }

    [Fact]
    public void AddTravelDeskDatabase_CalledTwice_KeepsTheFirstRegistration()
    {
        var services = new ServiceCollection().AddTravelDeskDatabase().AddTravelDeskDatabase();

        services.Count(static d => d.ServiceType == typeof(TravelDeskDatabase)).ShouldBe(1);
        services.Count(static d => d.ServiceType == typeof(IValidateOptions<TravelDeskDatabaseOptions>)).ShouldBe(1);
    }
}

namespace Strata.Redis.Tests.Infrastructure;

/// <summary>The test classes that share one <see cref="RedisFixture"/> server.</summary>
[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisFixture>
{
    public const string Name = "redis";
}

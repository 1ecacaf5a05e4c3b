namespace Strata.Testing.Tests;

/// <summary>How a suite gets a non-default server: derive from the fixture and override the options.</summary>
public sealed class TlsRedisServerFixture : RedisServerFixture
{
    protected override RedisServerOptions CreateOptions() => new() { Tls = true };
}

using Strata.Testing;

namespace Strata.Resp.Tests.Integration;

/// <summary>Many callers on one connection: every reply must reach the caller that asked for it.</summary>
public sealed class ConcurrencyTests(RedisServerFixture fixture) : IClassFixture<RedisServerFixture>
{
    [Theory]
    [InlineData(RespProtocol.Resp3)]
    [InlineData(RespProtocol.Resp2)]
    public async Task TenThousandMixedCommands_FromManyTasks_EachGetsItsOwnReply(RespProtocol protocol)
    {
        var options = RespClientOptions.Parse(fixture.ConnectionString);
        options.Protocol = protocol;
        options.CommandTimeout = TimeSpan.FromSeconds(30);
        await using var client = await RespClient.ConnectAsync(options);
        var prefix = $"mix:{protocol}";

        var failures = 0;
        var tasks = Enumerable.Range(0, 10_000).Select(i => Task.Run(async () =>
        {
            var key = $"{prefix}:{i % 500}:{i}";
            bool ok;
            switch (i % 4)
            {
                case 0:
                    await client.SetAsync(key, $"value-{i}");
                    ok = await client.GetAsync(key) == $"value-{i}";
                    break;
                case 1:
                    ok = await client.IncrByAsync(key, i) == i;
                    break;
                case 2:
                    await client.SetAsync(key, new byte[i % 2048]);
                    using (var lease = await client.GetLeaseAsync(key))
                    {
                        ok = lease!.Length == i % 2048;
                    }

                    break;
                default:
                    var reply = await client.ExecuteAsync("ECHO", $"echo-{i}");
                    ok = reply.AsString() == $"echo-{i}";
                    break;
            }

            if (!ok)
            {
                Interlocked.Increment(ref failures);
            }
        })).ToArray();

        await Task.WhenAll(tasks);

        failures.ShouldBe(0);
    }
}

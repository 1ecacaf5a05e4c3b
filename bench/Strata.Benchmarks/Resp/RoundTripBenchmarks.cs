using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using Strata.Benchmarks.Servers;
using Strata.Resp;

namespace Strata.Benchmarks.Resp;

/// <summary>
/// One awaited command at a time against a real redis-server on loopback: latency of a lone caller, and what a
/// round trip allocates in the whole process (caller, writer loop, reader loop). Target: at most 64 B per GET
/// through <see cref="RespClient.GetLeaseAsync"/>.
/// </summary>
/// <remarks>
/// The methods use <see cref="PoolingAsyncValueTaskMethodBuilder"/> so the benchmark's own async state machine,
/// which suspends on every call, is pooled and not counted against the client.
/// </remarks>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 5)]
public class RoundTripBenchmarks
{
    private const string Key = "bench:roundtrip";

    private readonly byte[] _value = CreateValue();
    private RedisServerProcess? _server;
    private RespClient? _client;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _server = RedisServerProcess.Start();
        _client = await RespClient.ConnectAsync(new RespClientOptions { Host = "127.0.0.1", Port = _server.Port });
        await _client.SetAsync(Key, _value);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }

        _server?.Dispose();
    }

    /// <summary>GET into a pooled lease, disposed at once: the allocation-free read.</summary>
    [Benchmark(Baseline = true)]
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask GetLease()
    {
        using var lease = await _client!.GetLeaseAsync(Key);
    }

    /// <summary>GET decoded to a string: the lease's cost plus the 100-character string.</summary>
    [Benchmark]
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask GetString()
    {
        _ = await _client!.GetAsync(Key);
    }

    /// <summary>SET of a 100-byte value.</summary>
    [Benchmark]
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask Set()
    {
        await _client!.SetAsync(Key, _value);
    }

    private static byte[] CreateValue()
    {
        var value = new byte[100];
        value.AsSpan().Fill((byte)'x');
        return value;
    }
}

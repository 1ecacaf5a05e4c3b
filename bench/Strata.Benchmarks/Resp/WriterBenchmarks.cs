using BenchmarkDotNet.Attributes;
using Strata.Resp;
using Strata.Resp.Buffers;
using Strata.Resp.Commands;
using Strata.Resp.Protocol;

namespace Strata.Benchmarks.Resp;

/// <summary>
/// Serializing commands the way <c>RespConnection.TrySend</c> does: the command struct writes itself through a
/// <see cref="RespWriter"/> into the connection's reused <see cref="PooledBufferWriter"/>. Must allocate nothing.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 8)]
public class WriterBenchmarks
{
    private const string Key = "key:__rand_int__";

    private readonly byte[] _value = CreateValue();
    private PooledBufferWriter _output = null!;

    [GlobalSetup]
    public void Setup() => _output = new PooledBufferWriter();

    [GlobalCleanup]
    public void Cleanup() => _output.Dispose();

    /// <summary><c>*2 $3 GET $16 key:__rand_int__</c>.</summary>
    [Benchmark(Baseline = true)]
    public int WriteGet()
    {
        _output.Reset();
        var writer = new RespWriter(_output);
        new KeyCommand(CommandName.Get, Key).Write(ref writer);
        writer.Commit();
        return _output.WrittenCount;
    }

    /// <summary><c>*3 $3 SET $16 key:__rand_int__ $100 ...</c>.</summary>
    [Benchmark]
    public int WriteSet100()
    {
        _output.Reset();
        var writer = new RespWriter(_output);
        new SetCommand(Key, _value, null, null, RespSetCondition.Always, returnOldValue: false).Write(ref writer);
        writer.Commit();
        return _output.WrittenCount;
    }

    private static byte[] CreateValue()
    {
        var value = new byte[100];
        value.AsSpan().Fill((byte)'x');
        return value;
    }
}

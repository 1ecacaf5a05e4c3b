using System.Buffers;
using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Strata.Resp;
using Strata.Resp.Protocol;

namespace Strata.Benchmarks.Resp;

/// <summary>
/// Reading reply frames: finding where a frame ends (what the reader loop does for every reply), skipping it
/// token by token, and materializing it as a <see cref="RespValue"/> tree. Scanning and skipping must
/// allocate nothing; materializing allocates the tree by design and shows what the typed parsers avoid.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 8)]
public class ParserBenchmarks
{
    private ReadOnlySequence<byte> _frame;

    [Params(RespFrameShape.Bulk100, RespFrameShape.Array100x100, RespFrameShape.Map16)]
    public RespFrameShape Shape { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var value = new string('x', 100);
        var text = new StringBuilder();
        switch (Shape)
        {
            case RespFrameShape.Bulk100:
                AppendBulk(text, value);
                break;
            case RespFrameShape.Array100x100:
                text.Append("*100\r\n");
                for (var i = 0; i < 100; i++)
                {
                    AppendBulk(text, value);
                }

                break;
            case RespFrameShape.Map16:
                text.Append("%16\r\n");
                for (var i = 0; i < 16; i++)
                {
                    AppendBulk(text, string.Create(CultureInfo.InvariantCulture, $"field:{i}"));
                    AppendBulk(text, value);
                }

                break;
            default:
                throw new InvalidOperationException($"Unknown shape {Shape}.");
        }

        _frame = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(text.ToString()));
    }

    /// <summary>The reader loop's framing step: where does the frame end?</summary>
    [Benchmark(Baseline = true)]
    public long Scan()
    {
        var scanner = new RespFrameScanner(RespLimits.DefaultMaxBulkLength, RespLimits.DefaultMaxAggregateLength);
        return scanner.TryFindFrame(_frame, out var length) ? length : throw new InvalidOperationException("Incomplete frame.");
    }

    /// <summary>Skipping a whole frame with the reader, children included (how unwanted replies are discarded).</summary>
    [Benchmark]
    public long Skip()
    {
        var reader = new RespReader(_frame);
        return reader.TrySkipFrame() ? reader.Consumed : throw new InvalidOperationException("Incomplete frame.");
    }

    /// <summary>Building the <see cref="RespValue"/> tree <c>ExecuteAsync</c> returns.</summary>
    [Benchmark]
    public RespValue Materialize()
    {
        var reader = new RespReader(_frame);
        return RespValue.Read(ref reader);
    }

    private static void AppendBulk(StringBuilder text, string value) =>
        text.Append(CultureInfo.InvariantCulture, $"${value.Length}\r\n{value}\r\n");
}

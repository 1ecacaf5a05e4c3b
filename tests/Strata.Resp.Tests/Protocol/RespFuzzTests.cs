using System.Buffers;
using Strata.Resp.Protocol;

namespace Strata.Resp.Tests.Protocol;

/// <summary>
/// Random input with a fixed seed: whatever the bytes, the reader and scanner answer true, false or
/// <see cref="RespProtocolException"/>, and agree with each other in every segmentation.
/// </summary>
public sealed class RespFuzzTests
{
    private const int Seed = 20261121;
    private const int Iterations = 20_000;

    // Bytes that steer random input into RESP's grammar, so it gets past the first byte.
    private static readonly byte[] Alphabet = "+-:$*_#,(!=%~>|0123456789\r\n\r\n-1tfinax{}.eE"u8.ToArray();

    [Fact]
    public void TryFindFrameAndTrySkipFrame_RandomGarbage_ReturnOrThrowProtocolExceptionOnly()
    {
        var random = new Random(Seed);
        var failures = new FuzzFailures();

        for (var i = 0; i < Iterations; i++)
        {
            var input = new byte[random.Next(0, 48)];
            if (i % 2 == 0)
            {
                random.NextBytes(input);
            }
            else
            {
                for (var j = 0; j < input.Length; j++)
                {
                    input[j] = Alphabet[random.Next(Alphabet.Length)];
                }
            }

            Check(input, random, i, "garbage", failures);
        }

        failures.Report.ShouldBeEmpty();
    }

    [Fact]
    public void TryFindFrameAndTrySkipFrame_TruncatedValidFrames_ReturnFalse()
    {
        var random = new Random(Seed);
        var frames = RespCorpus.Frames;
        var failures = new FuzzFailures();

        for (var i = 0; i < Iterations; i++)
        {
            var frame = frames[random.Next(frames.Count)];
            var input = frame.Bytes[..random.Next(0, frame.Bytes.Length)];

            var outcome = Check(input, random, i, $"truncated {frame.Name}", failures);

            if (outcome is not null && outcome != "false")
            {
                failures.Add($"expected false but got {outcome}", $"seed {Seed}, iteration {i}, truncated {frame.Name}; input {RespTokens.Hex(input)}");
            }
        }

        failures.Report.ShouldBeEmpty();
    }

    [Fact]
    public void TryFindFrameAndTrySkipFrame_ValidFramesWithOneByteChanged_ReturnOrThrowProtocolExceptionOnly()
    {
        var random = new Random(Seed);
        var frames = RespCorpus.Frames;
        var failures = new FuzzFailures();

        for (var i = 0; i < Iterations; i++)
        {
            var frame = frames[random.Next(frames.Count)];
            var input = (byte[])frame.Bytes.Clone();
            var at = random.Next(input.Length);
            input[at] = (i % 3) switch
            {
                0 => (byte)(input[at] ^ (1 << random.Next(8))),
                1 => Alphabet[random.Next(Alphabet.Length)],
                _ => (byte)random.Next(256),
            };

            Check(input, random, i, $"{frame.Name} with byte {at} changed", failures);
        }

        failures.Report.ShouldBeEmpty();
    }

    /// <summary>
    /// Runs the scanner on the whole input, on a random two-segment split, and byte by byte, and the reader
    /// (value tree included when a frame is complete). Records anything but true, false or a protocol error,
    /// and any disagreement between the runs. Returns "false", "true:&lt;length&gt;" or "error", or null on failure.
    /// </summary>
    private static string? Check(byte[] input, Random random, int iteration, string kind, FuzzFailures failures)
    {
        string? Fail(string what, string detail = "")
        {
            failures.Add(what, $"seed {Seed}, iteration {iteration}, {kind}{detail}; input {RespTokens.Hex(input)}");
            return null;
        }

        string whole, split, incremental, read;
        try
        {
            whole = ScanOnce(new ReadOnlySequence<byte>(input));
            split = ScanOnce(Segments.SplitAt(input, random.Next(input.Length + 1)));
            incremental = ScanIncrementally(input, iteration % 8 == 0);
            read = ReadOnce(input);
        }
        catch (Exception ex)
        {
            return Fail($"{ex.GetType().Name}: {ex.Message.Split('\n')[0]}");
        }

        if (whole != split || whole != incremental || whole != read)
        {
            return Fail("the scanner and reader disagree", $": whole {whole}, split {split}, incremental {incremental}, reader {read}");
        }

        return whole;
    }

    private static string ScanOnce(ReadOnlySequence<byte> buffer)
    {
        var scanner = new RespFrameScanner(RespLimits.DefaultMaxBulkLength, RespLimits.DefaultMaxAggregateLength);
        try
        {
            return scanner.TryFindFrame(buffer, out var length) ? $"true:{length}" : "false";
        }
        catch (RespProtocolException)
        {
            return "error";
        }
    }

    // Feeds growing prefixes to one scanner; every byte for some inputs, coarser steps for the rest to stay fast.
    private static string ScanIncrementally(byte[] input, bool everyByte)
    {
        var scanner = new RespFrameScanner(RespLimits.DefaultMaxBulkLength, RespLimits.DefaultMaxAggregateLength);
        var step = everyByte ? 1 : Math.Max(1, input.Length / 3);
        try
        {
            for (var available = 0; ; available = Math.Min(input.Length, available + step))
            {
                if (scanner.TryFindFrame(new ReadOnlySequence<byte>(input, 0, available), out var length))
                {
                    return $"true:{length}";
                }

                if (available == input.Length)
                {
                    return "false";
                }
            }
        }
        catch (RespProtocolException)
        {
            return "error";
        }
    }

    private static string ReadOnce(byte[] input)
    {
        try
        {
            var reader = new RespReader(input);
            if (!reader.TrySkipFrame())
            {
                return "false";
            }

            var length = reader.Consumed;

            // The frame is complete, so materializing it must succeed or fail as a protocol error, never otherwise.
            var tree = new RespReader(input);
            _ = RespValue.Read(ref tree).ToString();
            tree.Consumed.ShouldBe(length);
            return $"true:{length}";
        }
        catch (RespProtocolException)
        {
            return "error";
        }
    }
}

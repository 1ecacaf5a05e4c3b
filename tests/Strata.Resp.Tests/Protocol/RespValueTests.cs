using System.Buffers;
using System.Text;
using Strata.Resp.Protocol;

namespace Strata.Resp.Tests.Protocol;

/// <summary>Whole frames materialize into value trees: every type, nulls, nesting, and a bounded depth.</summary>
public sealed class RespValueTests
{
    public static TheoryData<string> Frames => RespCorpus.Names;

    [Fact]
    public void Read_NestedArray_BuildsTree()
    {
        var value = Read("*3\r\n*2\r\n:1\r\n:2\r\n$3\r\nfoo\r\n*0\r\n");

        value.Type.ShouldBe(RespType.Array);
        value.Items.Count.ShouldBe(3);
        value.Items[0].Items.Select(static i => i.AsInt64()).ShouldBe([1L, 2L]);
        value.Items[1].AsString().ShouldBe("foo");
        value.Items[2].Type.ShouldBe(RespType.Array);
        value.Items[2].Items.ShouldBeEmpty();
        value.ToString().ShouldBe("[[1, 2], foo, []]");
    }

    [Fact]
    public void Read_Map_KeepsFlatKeyValuePairsInServerOrder()
    {
        var value = Read("%2\r\n+first\r\n:1\r\n+second\r\n*1\r\n#t\r\n");

        value.Type.ShouldBe(RespType.Map);
        value.Items.Count.ShouldBe(4);
        value.Items[0].AsString().ShouldBe("first");
        value.Items[1].AsInt64().ShouldBe(1);
        value.Items[2].AsString().ShouldBe("second");
        value.Items[3].Items[0].AsBoolean().ShouldBeTrue();
    }

    [Fact]
    public void Read_SetAndPush_KeepTheirType()
    {
        var set = Read("~2\r\n+a\r\n+b\r\n");
        var push = Read(">3\r\n$7\r\nmessage\r\n$7\r\nchannel\r\n$5\r\nhello\r\n");

        set.Type.ShouldBe(RespType.Set);
        set.Items.Select(static i => i.AsString()).ShouldBe(["a", "b"]);
        push.Type.ShouldBe(RespType.Push);
        push.Items.Select(static i => i.AsString()).ShouldBe(["message", "channel", "hello"]);
    }

    [Theory]
    [InlineData("_\r\n", RespType.Null)]
    [InlineData("$-1\r\n", RespType.BulkString)]
    [InlineData("*-1\r\n", RespType.Array)]
    public void Read_Null_IsNullWithItsType(string frame, RespType type)
    {
        var value = Read(frame);

        value.IsNull.ShouldBeTrue();
        value.Type.ShouldBe(type);
        value.AsString().ShouldBeNull();
        value.Items.ShouldBeEmpty();
        value.ToString().ShouldBe("(nil)");
    }

    [Theory]
    [InlineData(":-9223372036854775807\r\n", -9223372036854775807L)]
    [InlineData(":+17\r\n", 17L)]
    [InlineData("$3\r\n123\r\n", 123L)]
    [InlineData("#t\r\n", 1L)]
    public void AsInt64_IntegerLikeReply_ReturnsValue(string frame, long expected)
    {
        Read(frame).AsInt64().ShouldBe(expected);
    }

    [Fact]
    public void AsInt64_NonNumericString_ThrowsInvalidCast()
    {
        Should.Throw<InvalidCastException>(() => Read("$3\r\nabc\r\n").AsInt64());
    }

    [Theory]
    [InlineData(",1.5\r\n", 1.5)]
    [InlineData(",inf\r\n", double.PositiveInfinity)]
    [InlineData(",-inf\r\n", double.NegativeInfinity)]
    [InlineData(",1.23e+10\r\n", 1.23e10)]
    [InlineData(":3\r\n", 3.0)]
    [InlineData("$4\r\n2.75\r\n", 2.75)]
    public void AsDouble_NumericReply_ReturnsValue(string frame, double expected)
    {
        Read(frame).AsDouble().ShouldBe(expected);
    }

    [Fact]
    public void AsDouble_NaN_IsNaN()
    {
        double.IsNaN(Read(",nan\r\n").AsDouble()).ShouldBeTrue();
    }

    [Fact]
    public void AsDouble_NegativeZero_KeepsTheSign()
    {
        double.IsNegative(Read(",-0\r\n").AsDouble()).ShouldBeTrue();
    }

    [Fact]
    public void Read_ScalarTypes_KeepTypeAndText()
    {
        Read("(3492890328409238509324850943850943825024385\r\n").ShouldSatisfyAllConditions(
            static v => v.Type.ShouldBe(RespType.BigNumber),
            static v => v.AsString().ShouldBe("3492890328409238509324850943850943825024385"));
        Read("=15\r\ntxt:Some string\r\n").ShouldSatisfyAllConditions(
            static v => v.Type.ShouldBe(RespType.VerbatimString),
            static v => v.AsString().ShouldBe("Some string"));
        Read("#f\r\n").ShouldSatisfyAllConditions(
            static v => v.Type.ShouldBe(RespType.Boolean),
            static v => v.AsBoolean().ShouldBeFalse(),
            static v => v.ToString().ShouldBe("false"));
        Read("$3\r\n\0\r\n\r\n").Bytes.ToArray().ShouldBe([0, 13, 10]);
    }

    [Theory]
    [InlineData("-ERR wrong\r\n", RespType.SimpleError, "ERR wrong")]
    [InlineData("!21\r\nSYNTAX invalid syntax\r\n", RespType.BulkError, "SYNTAX invalid syntax")]
    public void Read_Error_IsErrorWithMessage(string frame, RespType type, string message)
    {
        var value = Read(frame);

        value.IsError.ShouldBeTrue();
        value.Type.ShouldBe(type);
        value.ToString().ShouldBe(message);
    }

    [Fact]
    public void Read_AttributeBeforeReply_IsSkipped()
    {
        var value = Read("|1\r\n+key-popularity\r\n%2\r\n$1\r\na\r\n,0.1923\r\n$1\r\nb\r\n,0.0012\r\n*2\r\n:2039123\r\n:9543892\r\n");

        value.Type.ShouldBe(RespType.Array);
        value.Items.Select(static i => i.AsInt64()).ShouldBe([2039123L, 9543892L]);
    }

    [Fact]
    public void Read_FollowedByAnotherFrame_ConsumesOnlyTheFirst()
    {
        var reader = new RespReader("*2\r\n:1\r\n:2\r\n+next\r\n"u8.ToArray());

        var value = RespValue.Read(ref reader);

        value.Items.Count.ShouldBe(2);
        reader.Consumed.ShouldBe(12);
        RespValue.Read(ref reader).AsString().ShouldBe("next");
    }

    [Theory]
    [MemberData(nameof(Frames))]
    public void Read_CorpusFrameInOneByteSegments_EqualsContiguousRead(string name)
    {
        var frame = RespCorpus.Get(name);
        var contiguous = new RespReader(frame.Bytes);
        var segmented = new RespReader(Segments.Chunked(frame.Bytes, 1));

        var expected = RespValue.Read(ref contiguous);
        var actual = RespValue.Read(ref segmented);

        Render(actual).ShouldBe(Render(expected));
        segmented.Consumed.ShouldBe(frame.Bytes.Length);
    }

    [Fact]
    public void Read_TruncatedFrame_ThrowsProtocolException()
    {
        Should.Throw<RespProtocolException>(() => Read("*3\r\n:1\r\n:2\r\n"));
    }

    [Fact]
    public void Read_NestedWithinDepthLimit_Succeeds()
    {
        var value = Read(string.Concat(Enumerable.Repeat("*1\r\n", 100)) + ":7\r\n");

        for (var depth = 0; depth < 100; depth++)
        {
            value = value.Items.ShouldHaveSingleItem();
        }

        value.AsInt64().ShouldBe(7);
    }

    [Fact]
    public void Read_NestedBeyondDepthLimit_ThrowsProtocolException()
    {
        var frame = string.Concat(Enumerable.Repeat("*1\r\n", 200)) + ":7\r\n";

        Should.Throw<RespProtocolException>(() => Read(frame));
    }

    private static RespValue Read(string frame)
    {
        var reader = new RespReader(new ReadOnlySequence<byte>(Encoding.Latin1.GetBytes(frame)));
        return RespValue.Read(ref reader);
    }

    // A structural rendering: type, nullness and bytes at every level (ToString alone would hide types).
    private static string Render(RespValue value) =>
        $"{value.Type}{(value.IsNull ? "!" : string.Empty)}:{Convert.ToHexString(value.Bytes.Span)}"
        + (value.Type == RespType.Double ? value.AsDouble().ToString("R", System.Globalization.CultureInfo.InvariantCulture) : string.Empty)
        + (value.Type is RespType.Integer or RespType.Boolean ? value.AsInt64().ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty)
        + "[" + string.Join(",", value.Items.Select(Render)) + "]";
}

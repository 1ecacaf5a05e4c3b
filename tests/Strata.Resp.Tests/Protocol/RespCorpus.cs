using System.Text;
using static Strata.Resp.Tests.Protocol.RespTokens;

namespace Strata.Resp.Tests.Protocol;

/// <summary>
/// Valid frames of every RESP2/RESP3 type with the values they decode to; the reader, scanner, fuzz and
/// value tests all replay it, so a new edge case added here is exercised in every buffer shape.
/// </summary>
internal static class RespCorpus
{
    public static readonly IReadOnlyList<RespCorpusFrame> Frames = Build();

    private static readonly Dictionary<string, RespCorpusFrame> ByName = Frames.ToDictionary(static f => f.Name);

    /// <summary>The frame names, for <c>[MemberData]</c>: names serialize, so every frame is its own test case.</summary>
    public static TheoryData<string> Names => [.. Frames.Select(static f => f.Name)];

    public static RespCorpusFrame Get(string name) => ByName[name];

    /// <summary>Every frame back to back, as one pipelined burst from the server.</summary>
    public static byte[] Concatenated() => [.. Frames.SelectMany(static f => f.Bytes)];

    private static List<RespCorpusFrame> Build()
    {
        byte[] binary = [0x00, 0xFF, (byte)'\r', (byte)'\n', (byte)'$', (byte)'*', (byte)'\r', 0x80];
        var longText = new string('x', 300);
        List<RespCorpusFrame> frames =
        [
            Frame("simple-string", "+OK\r\n", Simple("OK")),
            Frame("simple-string-empty", "+\r\n", Simple(string.Empty)),
            Frame("simple-string-utf8", "+h\u00C3\u00A9llo\r\n", Simple("h\u00E9llo")),
            Frame("simple-error", "-ERR unknown command 'foo'\r\n", Error("ERR unknown command 'foo'")),
            Frame("integer-zero", ":0\r\n", Integer(0)),
            Frame("integer-negative", ":-42\r\n", Integer(-42)),
            Frame("integer-plus-sign", ":+17\r\n", Integer(17)),
            Frame("integer-max", ":9223372036854775807\r\n", Integer(long.MaxValue)),
            Frame("integer-min", ":-9223372036854775808\r\n", Integer(long.MinValue)),
            Frame("bulk-string", "$5\r\nhello\r\n", Bulk("hello")),
            Frame("bulk-string-empty", "$0\r\n\r\n", Bulk(string.Empty)),
            Frame("bulk-string-binary", [.. Ascii("$8\r\n"), .. binary, .. Ascii("\r\n")], Bulk(binary)),
            Frame("bulk-string-long", $"$300\r\n{longText}\r\n", Bulk(longText)),
            Frame("bulk-string-null", "$-1\r\n", Null(RespType.BulkString)),
            Frame("array-empty", "*0\r\n", Aggregate(RespType.Array, 0)),
            Frame("array-null", "*-1\r\n", Null(RespType.Array)),
            Frame(
                "array-nested",
                "*2\r\n*3\r\n:1\r\n:2\r\n:3\r\n*2\r\n+Hello\r\n-World\r\n",
                Aggregate(RespType.Array, 2),
                Aggregate(RespType.Array, 3),
                Integer(1),
                Integer(2),
                Integer(3),
                Aggregate(RespType.Array, 2),
                Simple("Hello"),
                Error("World")),
            Frame(
                "array-mixed",
                "*7\r\n:1\r\n$3\r\nfoo\r\n_\r\n#t\r\n,2.5\r\n*0\r\n%1\r\n+k\r\n$-1\r\n",
                Aggregate(RespType.Array, 7),
                Integer(1),
                Bulk("foo"),
                Null(RespType.Null),
                Boolean(true),
                Double(2.5, "2.5"),
                Aggregate(RespType.Array, 0),
                Aggregate(RespType.Map, 1),
                Simple("k"),
                Null(RespType.BulkString)),
            Frame(
                "array-of-nulls",
                "*3\r\n$-1\r\n*-1\r\n_\r\n",
                Aggregate(RespType.Array, 3),
                Null(RespType.BulkString),
                Null(RespType.Array),
                Null(RespType.Null)),
            Frame("null", "_\r\n", Null(RespType.Null)),
            Frame("boolean-true", "#t\r\n", Boolean(true)),
            Frame("boolean-false", "#f\r\n", Boolean(false)),
            Frame("double", ",1.5\r\n", Double(1.5, "1.5")),
            Frame("double-integral", ",10\r\n", Double(10, "10")),
            Frame("double-negative-zero", ",-0\r\n", Double(-0.0, "-0")),
            Frame("double-inf", ",inf\r\n", Double(double.PositiveInfinity, "inf")),
            Frame("double-negative-inf", ",-inf\r\n", Double(double.NegativeInfinity, "-inf")),
            Frame("double-nan", ",nan\r\n", Double(double.NaN, "nan")),
            Frame("double-exponent", ",1.23e+10\r\n", Double(1.23e10, "1.23e+10")),
            Frame("double-negative-exponent", ",-4.5E-3\r\n", Double(-4.5e-3, "-4.5E-3")),
            Frame(
                "big-number",
                "(3492890328409238509324850943850943825024385\r\n",
                BigNumber("3492890328409238509324850943850943825024385")),
            Frame("big-number-negative", "(-3492890328409238509324850943850943825024385\r\n", BigNumber("-3492890328409238509324850943850943825024385")),
            Frame("bulk-error", "!21\r\nSYNTAX invalid syntax\r\n", BulkError("SYNTAX invalid syntax")),
            Frame("verbatim", "=15\r\ntxt:Some string\r\n", Verbatim("Some string")),
            Frame("verbatim-markdown-empty", "=4\r\nmkd:\r\n", Verbatim(string.Empty)),
            Frame(
                "map",
                "%2\r\n+first\r\n:1\r\n+second\r\n:2\r\n",
                Aggregate(RespType.Map, 2),
                Simple("first"),
                Integer(1),
                Simple("second"),
                Integer(2)),
            Frame("map-empty", "%0\r\n", Aggregate(RespType.Map, 0)),
            Frame(
                "set",
                "~3\r\n+orange\r\n:7\r\n#f\r\n",
                Aggregate(RespType.Set, 3),
                Simple("orange"),
                Integer(7),
                Boolean(false)),
            Frame(
                "push",
                ">3\r\n$7\r\nmessage\r\n$7\r\nchannel\r\n$5\r\nhello\r\n",
                Aggregate(RespType.Push, 3),
                Bulk("message"),
                Bulk("channel"),
                Bulk("hello")),
            Frame(
                "attribute",
                "|1\r\n+key-popularity\r\n%2\r\n$1\r\na\r\n,0.1923\r\n$1\r\nb\r\n,0.0012\r\n*2\r\n:2039123\r\n:9543892\r\n",
                Aggregate(RespType.Array, 2),
                Integer(2039123),
                Integer(9543892)),
            Frame(
                "attribute-in-array-element",
                "*2\r\n|1\r\n+ttl\r\n:3600\r\n$3\r\nfoo\r\n:7\r\n",
                Aggregate(RespType.Array, 2),
                Bulk("foo"),
                Integer(7)),
            Frame(
                "attribute-before-map-value",
                "%1\r\n+k\r\n|2\r\n+a\r\n*1\r\n:1\r\n+b\r\n_\r\n,3.25\r\n",
                Aggregate(RespType.Map, 1),
                Simple("k"),
                Double(3.25, "3.25")),
        ];
        return frames;
    }

    private static RespCorpusFrame Frame(string name, string latin1, params string[] tokens) =>
        new(name, Encoding.Latin1.GetBytes(latin1), tokens);

    private static RespCorpusFrame Frame(string name, byte[] bytes, params string[] tokens) => new(name, bytes, tokens);

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);
}

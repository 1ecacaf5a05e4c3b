using System.Text;
using Strata.Resp.Cluster;

namespace Strata.Resp.Tests.Protocol;

/// <summary>Key-to-slot mapping matches Redis Cluster: CRC16-XMODEM, hash tags as the server parses them.</summary>
public sealed class HashSlotTests
{
    [Fact]
    public void Crc16_StandardCheckInput_Is0x31C3()
    {
        HashSlot.Crc16("123456789"u8).ShouldBe((ushort)0x31C3);
    }

    [Fact]
    public void Crc16_RandomInputs_MatchBitwiseReference()
    {
        var random = new Random(20261121);
        for (var i = 0; i < 500; i++)
        {
            var data = new byte[random.Next(0, 64)];
            random.NextBytes(data);

            HashSlot.Crc16(data).ShouldBe(BitwiseCrc16(data), Convert.ToHexString(data));
        }
    }

    [Theory]
    [InlineData("foo", 12182)]
    [InlineData("somekey", 11058)]
    [InlineData("hello", 866)]
    [InlineData("", 0)]
    [InlineData("user:1", 10778)]
    [InlineData("{user:1}:a", 10778)]
    [InlineData("{user1000}.following", 3443)]
    [InlineData("{user1000}.followers", 3443)]
    public void Of_KnownKeys_MatchRedisClusterKeyslot(string key, int slot)
    {
        HashSlot.Of(key).ShouldBe(slot);
    }

    [Theory]
    [InlineData("{user:1}:a", "user:1")]
    [InlineData("a{user:1}", "user:1")]
    [InlineData("{a}{b}", "a")]
    [InlineData("{}", "{}")]
    [InlineData("foo{}bar", "foo{}bar")]
    [InlineData("foo{}{bar}", "foo{}{bar}")]
    [InlineData("foo{{bar}}zap", "{bar")]
    [InlineData("foo{bar", "foo{bar")]
    [InlineData("foo}bar{", "foo}bar{")]
    [InlineData("}{x}", "x")]
    public void HashTagOf_Key_ReturnsThePartRedisHashes(string key, string hashed)
    {
        Encoding.UTF8.GetString(HashSlot.HashTagOf(Encoding.UTF8.GetBytes(key))).ShouldBe(hashed);
        HashSlot.Of(key).ShouldBe(HashSlot.Crc16(Encoding.UTF8.GetBytes(hashed)) & 16383);
    }

    [Fact]
    public void Of_EmptyTag_HashesWholeKey()
    {
        HashSlot.Of("{}").ShouldBe(15257);
        HashSlot.Of("foo{}{bar}").ShouldBe(8363);
        HashSlot.Of("foo{}{bar}").ShouldNotBe(HashSlot.Of("bar"));
    }

    [Fact]
    public void Of_TagStartingWithBrace_HashesFromAfterTheFirstBrace()
    {
        HashSlot.Of("foo{{bar}}zap").ShouldBe(4015);
        HashSlot.Of("foo{{bar}}zap").ShouldBe(HashSlot.Of("{bar"));
    }

    [Theory]
    [InlineData("foo")]
    [InlineData("{user:1}:a")]
    [InlineData("cl\u00E9-\u65E5\u672C-\U0001F600")]
    [InlineData("{\u00E9t\u00E9}:x")]
    public void Of_StringAndUtf8Span_Agree(string key)
    {
        HashSlot.Of(key).ShouldBe(HashSlot.Of(Encoding.UTF8.GetBytes(key)));
    }

    [Fact]
    public void Of_LongKeysBeyondTheStackBuffer_StringAndUtf8SpanAgree()
    {
        foreach (var key in new[] { new string('k', 171), new string('\u00E9', 1000) + "{tag}", "{tag}" + new string('x', 5000) })
        {
            HashSlot.Of(key).ShouldBe(HashSlot.Of(Encoding.UTF8.GetBytes(key)), key.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        HashSlot.Of("{tag}" + new string('x', 5000)).ShouldBe(HashSlot.Of("tag"));
    }

    [Fact]
    public void Of_RandomKeys_StayWithinSlotRange()
    {
        var random = new Random(20261121);
        for (var i = 0; i < 1000; i++)
        {
            var key = new byte[random.Next(0, 40)];
            random.NextBytes(key);

            HashSlot.Of(key).ShouldBeInRange(0, HashSlot.SlotCount - 1);
        }
    }

    private static ushort BitwiseCrc16(ReadOnlySpan<byte> data)
    {
        var crc = 0;
        foreach (var b in data)
        {
            crc ^= b << 8;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }

            crc &= 0xFFFF;
        }

        return (ushort)crc;
    }
}

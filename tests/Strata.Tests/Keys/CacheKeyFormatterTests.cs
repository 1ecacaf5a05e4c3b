using System.Text;
using Strata.Keys;

namespace Strata.Tests.Keys;

public sealed class CacheKeyFormatterTests
{
    private static readonly string Digits300 = string.Concat(Enumerable.Repeat("0123456789", 30));

    private readonly CacheKeyFormatter _formatter = new("tripsage");

    [Fact]
    public void Compose_ShortKey_PrefixNamespaceKey()
    {
        _formatter.Compose("flights", "search:LAX-JFK").ShouldBe("tripsage:flights:search:LAX-JFK");
        CacheKeyFormatter.Compose("p", "ns", "k").ShouldBe("p:ns:k");
    }

    [Fact]
    public void GetEffectiveKey_KeyThatFits_ReturnsSameInstance()
    {
        var key = new string('k', 100);

        _formatter.GetEffectiveKey("flights", key).ShouldBeSameAs(key);
    }

    [Fact]
    public void GetEffectiveKey_MultiByteKeyThatFitsOnlyByCounting_ReturnsSameInstance()
    {
        // 3 bytes a char would be 17 + 357 bytes, so the cheap bound says "maybe not"; counted, it is 17 + 238.
        var key = new string('é', 119);

        _formatter.GetEffectiveKey("flights", key).ShouldBeSameAs(key);
        Encoding.UTF8.GetByteCount(_formatter.Compose("flights", key)).ShouldBe(255);
    }

    [Fact]
    public void GetEffectiveKey_FullKeyExactlyAtMaximum_NotShortened()
    {
        var key = new string('k', 256 - "tripsage:flights:".Length);

        _formatter.GetEffectiveKey("flights", key).ShouldBeSameAs(key);
        _formatter.Compose("flights", key).Length.ShouldBe(256);
    }

    [Fact]
    public void GetEffectiveKey_FullKeyOneByteOverMaximum_ShortenedToExactlyMaximum()
    {
        var key = new string('k', 257 - "tripsage:flights:".Length);

        var full = _formatter.Compose("flights", key);

        Encoding.UTF8.GetByteCount(full).ShouldBe(256);
        full.ShouldStartWith("tripsage:flights:kkkk");
        full[^33].ShouldBe('~');
    }

    [Fact]
    public void GetEffectiveKey_KnownLongKey_StableHashSuffix()
    {
        // SHA-256("tripsage:flights:" + "0123456789" x 30), first 16 bytes: fixed forever, on every machine.
        var effective = _formatter.GetEffectiveKey("flights", Digits300);

        effective.ShouldBe(Digits300[..206] + "~e929adcb6f1aca2764fb034fe0d68153");
    }

    [Fact]
    public void GetEffectiveKey_KnownMultiByteKey_StableHashAndWholeCharacters()
    {
        // 16 bytes of prefix and namespace, 33 of suffix: 207 bytes left, 103 two-byte characters.
        var key = new string('é', 200);

        var effective = _formatter.GetEffectiveKey("hotels", key);

        effective.ShouldBe(new string('é', 103) + "~fd1f2585a00dc8ff5e3c2aef294ff9b9");
        Encoding.UTF8.GetByteCount(CacheKeyFormatter.Compose("tripsage", "hotels", effective)).ShouldBe(255);
    }

    [Theory]
    [InlineData("k")]
    [InlineData("é")]
    [InlineData("€")]
    [InlineData("\ud83d\ude00")]
    [InlineData("a\ud83d\ude00€é")]
    public void GetEffectiveKey_EveryLength_WithinMaximumAndLongestFittingPrefix(string unit)
    {
        for (var repeat = 1; repeat <= 300; repeat++)
        {
            var key = string.Concat(Enumerable.Repeat(unit, repeat));
            var effective = _formatter.GetEffectiveKey("flights", key);
            var bytes = Encoding.UTF8.GetByteCount(CacheKeyFormatter.Compose("tripsage", "flights", effective));

            bytes.ShouldBeLessThanOrEqualTo(256);
            if (ReferenceEquals(effective, key))
            {
                continue;
            }

            var kept = effective[..^33];
            key.ShouldStartWith(kept);
            CacheKeyFormatter.ValidateKey(effective); // no split surrogate pair
            // Longest prefix: the next whole character would not have fitted.
            var next = char.IsHighSurrogate(key[kept.Length]) ? key.Substring(kept.Length, 2) : key.Substring(kept.Length, 1);
            (bytes + Encoding.UTF8.GetByteCount(next)).ShouldBeGreaterThan(256);
        }
    }

    [Fact]
    public void GetEffectiveKey_DistinctLongKeysWithSamePrefix_DistinctEffectiveKeys()
    {
        var effective = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 2000; i++)
        {
            effective.Add(_formatter.GetEffectiveKey("flights", Digits300 + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        effective.Count.ShouldBe(2000);
    }

    [Fact]
    public void GetEffectiveKey_SameKeyOtherNamespaceOrPrefix_DifferentHash()
    {
        var other = new CacheKeyFormatter("smartrip");

        _formatter.GetEffectiveKey("flights", Digits300).ShouldNotBe(_formatter.GetEffectiveKey("flight2", Digits300));
        _formatter.GetEffectiveKey("flights", Digits300)[^32..].ShouldNotBe(other.GetEffectiveKey("flights", Digits300)[^32..]);
    }

    [Fact]
    public void GetEffectiveKey_ShortKeyForgingAShortenedKey_IsShortenedToo()
    {
        var forged = _formatter.GetEffectiveKey("flights", Digits300);

        var effective = _formatter.GetEffectiveKey("flights", forged);

        effective.ShouldNotBe(forged);
        effective.Length.ShouldBe(256 - 17);
        Encoding.UTF8.GetByteCount(CacheKeyFormatter.Compose("tripsage", "flights", effective)).ShouldBeLessThanOrEqualTo(256);
    }

    [Fact]
    public void GetEffectiveKey_ConfiguredMaximum_Respected()
    {
        var small = new CacheKeyFormatter("p", CacheKeyFormatter.GetMinimumMaxKeyBytes("p"));

        // 1 + 64 + 2 bytes of prefix, namespace and separators, 33 of suffix: no room is left for the key itself.
        var effective = small.GetEffectiveKey(new string('n', 64), new string('k', 34));

        effective.Length.ShouldBe(33);
        effective.ShouldStartWith("~");
        Encoding.UTF8.GetByteCount(CacheKeyFormatter.Compose("p", new string('n', 64), effective)).ShouldBe(small.MaxKeyBytes);
    }

    [Fact]
    public void Constructor_MaximumTooSmall_ThrowsArgumentOutOfRangeException()
    {
        var minimum = CacheKeyFormatter.GetMinimumMaxKeyBytes("tripsage");

        minimum.ShouldBe(8 + 1 + 64 + 1 + 33);
        Should.Throw<ArgumentOutOfRangeException>(() => new CacheKeyFormatter("tripsage", minimum - 1)).ParamName.ShouldBe("maxKeyBytes");
    }

    [Fact]
    public void TryParse_ComposedKey_RoundTrips()
    {
        foreach (var key in new[] { "search:LAX-JFK", "a", "x:y:z", Digits300, "é€\ud83d\ude00" })
        {
            var full = _formatter.Compose("flights", key);

            _formatter.TryParse(full, out var namespaceName, out var parsedKey).ShouldBeTrue();

            namespaceName.ShouldBe("flights");
            parsedKey.ShouldBe(_formatter.GetEffectiveKey("flights", key));
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("tripsage")]
    [InlineData("tripsage:")]
    [InlineData("tripsage:flights")]
    [InlineData("tripsage:flights:")]
    [InlineData("tripsage::key")]
    [InlineData("tripsagex:flights:key")]
    [InlineData("other:flights:key")]
    [InlineData("tripsage:fli ghts:key")]
    public void TryParse_NotAKeyOfThePrefix_ReturnsFalse(string? fullKey)
    {
        CacheKeyFormatter.TryParse(fullKey, "tripsage", out var namespaceName, out var key).ShouldBeFalse();
        namespaceName.ShouldBeNull();
        key.ShouldBeNull();
    }

    [Fact]
    public void TryParse_NamespaceLongerThanMaximum_ReturnsFalse()
    {
        CacheKeyFormatter.TryParse($"p:{new string('n', 65)}:k", "p", out _, out _).ShouldBeFalse();
        CacheKeyFormatter.TryParse($"p:{new string('n', 64)}:k", "p", out var namespaceName, out _).ShouldBeTrue();
        namespaceName!.Length.ShouldBe(64);
    }

    [Fact]
    public void ValidateName_Empty_ThrowsArgumentExceptionSayingEmpty()
    {
        var error = Should.Throw<ArgumentException>(() => CacheKeyFormatter.ValidateName("", "namespace", "namespaceName"));

        error.ParamName.ShouldBe("namespaceName");
        error.Message.ShouldContain("namespace must not be empty");
    }

    [Fact]
    public void ValidateName_Null_ThrowsArgumentNullException()
    {
        Should.Throw<ArgumentNullException>(() => CacheKeyFormatter.ValidateName(null, "prefix", "prefix")).ParamName.ShouldBe("prefix");
    }

    [Fact]
    public void ValidateName_Colon_ThrowsArgumentExceptionNamingValueCharacterAndIndex()
    {
        var error = Should.Throw<ArgumentException>(() => new CacheKeyFormatter("trip:sage"));

        error.ParamName.ShouldBe("prefix");
        error.Message.ShouldContain("prefix 'trip:sage'");
        error.Message.ShouldContain("':' (U+003A) at index 4");
    }

    [Fact]
    public void ValidateName_TooLong_ThrowsArgumentExceptionNamingLength()
    {
        var name = new string('n', 65);

        var error = Should.Throw<ArgumentException>(() => new CacheKeyFormatter("p").GetEffectiveKey(name, "k"));

        error.ParamName.ShouldBe("namespaceName");
        error.Message.ShouldContain($"'{name}' is 65 characters long; at most 64");
    }

    [Theory]
    [InlineData("flights")]
    [InlineData("Trip_Sage-2.0")]
    public void ValidateName_AllowedCharacters_DoesNotThrow(string name)
    {
        Should.NotThrow(() => CacheKeyFormatter.ValidateName(name, "namespace", "namespaceName"));
    }

    [Theory]
    [InlineData("fl ights", "' ' (U+0020) at index 2")]
    [InlineData("flïghts", "'ï' (U+00EF) at index 2")]
    [InlineData("a*", "'*' (U+002A) at index 1")]
    public void ValidateName_ForbiddenCharacter_ThrowsArgumentExceptionNamingIt(string name, string expected)
    {
        Should.Throw<ArgumentException>(() => CacheKeyFormatter.ValidateName(name, "namespace", "namespaceName"))
            .Message.ShouldContain(expected);
    }

    [Fact]
    public void ValidateKey_Null_ThrowsArgumentNullException()
    {
        Should.Throw<ArgumentNullException>(() => _formatter.GetEffectiveKey("flights", null!)).ParamName.ShouldBe("key");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u3000")]
    public void ValidateKey_EmptyOrWhitespace_ThrowsArgumentException(string key)
    {
        var error = Should.Throw<ArgumentException>(() => _formatter.GetEffectiveKey("flights", key));

        error.ParamName.ShouldBe("key");
        error.Message.ShouldContain("must not be empty or whitespace");
    }

    [Theory]
    [InlineData("a\u0001b", "U+0001 at index 1")]
    [InlineData("ab\n", "U+000A at index 2")]
    [InlineData("a\u007f", "U+007F at index 1")]
    [InlineData("x\u0085\u0001", "U+0001 at index 2")]
    public void ValidateKey_ControlCharacter_ThrowsArgumentExceptionNamingIt(string key, string expected)
    {
        // The first control character in the key is reported; C0 before C1 when the C0 one comes first.
        var error = Should.Throw<ArgumentException>(() => _formatter.GetEffectiveKey("flights", key));

        error.Message.ShouldContain(key == "x\u0085\u0001" ? "U+0085 at index 1" : expected);
    }

    [Fact]
    public void ValidateKey_UnpairedSurrogate_ThrowsArgumentExceptionNamingIt()
    {
        // Built in code: theory data would pass through a serializer that replaces unpaired surrogates.
        (string Key, string Expected)[] cases =
        [
            ("a\ud800", "U+D800 at index 1"),
            ("\udc00a", "U+DC00 at index 0"),
            ("\ud83d\ude00\ude00", "U+DE00 at index 2"),
            ("ab\ud83d", "U+D83D at index 2"),
        ];

        foreach (var (key, expected) in cases)
        {
            Should.Throw<ArgumentException>(() => _formatter.GetEffectiveKey("flights", key))
                .Message.ShouldContain($"unpaired surrogate {expected}");
        }
    }

    [Fact]
    public void GetEffectiveKey_BuilderKeyWithAnyInput_IsAValidKey()
    {
        var key = new CacheKeyBuilder("op").Add("v", "a\u0001\ud800\n:").Build();

        Should.NotThrow(() => _formatter.GetEffectiveKey("flights", key));
    }
}

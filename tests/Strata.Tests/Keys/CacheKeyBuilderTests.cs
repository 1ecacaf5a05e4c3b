using System.Globalization;
using Strata.Keys;

namespace Strata.Tests.Keys;

public sealed class CacheKeyBuilderTests
{
    [Fact]
    public void Build_FlightSearchParameters_ProducesCanonicalKey()
    {
        var key = new CacheKeyBuilder("flights")
            .Add("origin", "lax", KeyCase.Upper)
            .Add("departure", new DateOnly(2026, 12, 1))
            .AddSet("airlines", ["UA", "AA"])
            .Add("adults", 2)
            .Build();

        key.ShouldBe("flights:adults=2&airlines=[AA,UA]&departure=2026-12-01&origin=LAX");
    }

    [Fact]
    public void Build_SameParametersInAnotherOrder_ProducesSameKey()
    {
        var first = new CacheKeyBuilder("flights")
            .Add("origin", "LAX").Add("destination", "JFK").Add("adults", 2).AddSet("airlines", ["UA", "AA"]).Build();
        var second = new CacheKeyBuilder("flights")
            .AddSet("airlines", ["AA", "UA"]).Add("adults", 2).Add("destination", "JFK").Add("origin", "LAX").Build();

        second.ShouldBe(first);
    }

    [Theory]
    [InlineData(" lax ", KeyCase.Upper, "LAX")]
    [InlineData("Paris", KeyCase.Lower, "paris")]
    [InlineData("  New York\t", KeyCase.None, "New York")]
    [InlineData("économie", KeyCase.Upper, "ÉCONOMIE")]
    public void Add_TextWithCase_TrimsAndNormalisesCase(string value, KeyCase keyCase, string expected)
    {
        new CacheKeyBuilder("op").Add("v", value, keyCase).Build().ShouldBe($"op:v={expected}");
    }

    [Fact]
    public void Add_CaseNormalisation_UsesInvariantCultureNotCurrent()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            // Turkish upper-cases 'i' to 'İ'; keys must not depend on the machine's culture.
            CultureInfo.CurrentCulture = new CultureInfo("tr-TR");
            new CacheKeyBuilder("op").Add("city", "izmir", KeyCase.Upper).Build().ShouldBe("op:city=IZMIR");
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void AddSet_DuplicatesAfterCaseNormalisation_SortedAndDeduplicated()
    {
        new CacheKeyBuilder("op").AddSet("airlines", ["ua", "AA", "UA", " aa ", "DL"], KeyCase.Upper).Build()
            .ShouldBe("op:airlines=[AA,DL,UA]");
    }

    [Fact]
    public void AddSet_NullAndBlankElements_AreSkipped()
    {
        new CacheKeyBuilder("op").AddSet("a", ["x", null, " ", ""]).Build().ShouldBe("op:a=[x]");
    }

    [Fact]
    public void AddSet_EmptySet_WritesEmptyBracketsAndDiffersFromOmitted()
    {
        new CacheKeyBuilder("op").AddSet("a", Array.Empty<string>()).Build().ShouldBe("op:a=[]");
        new CacheKeyBuilder("op").AddSet("a", (IEnumerable<string>?)null).Build().ShouldBe("op");
    }

    [Fact]
    public void AddSet_Enumerable_SameKeyAsSpan()
    {
        var fromList = new CacheKeyBuilder("op").AddSet("a", new List<string?> { "b", "a" }).Build();
        var fromEnumerable = new CacheKeyBuilder("op").AddSet("a", new[] { "a", "b" }.Where(static _ => true)).Build();

        fromList.ShouldBe("op:a=[a,b]");
        fromEnumerable.ShouldBe(fromList);
    }

    [Fact]
    public void AddSet_Numbers_SortedOrdinallyByCanonicalText()
    {
        new CacheKeyBuilder("op").AddSet("stops", [10, 2, 2, 1]).Build().ShouldBe("op:stops=[1,10,2]");
        new CacheKeyBuilder("op").AddSet<int?>("stops", new int?[] { 3, null, 1 }).Build().ShouldBe("op:stops=[1,3]");
    }

    [Fact]
    public void AddSet_ManyElements_SortedLikeFewElements()
    {
        var values = Enumerable.Range(0, 40).Select(static i => $"v{(i * 7) % 40:D2}").ToArray();

        var key = new CacheKeyBuilder("op").AddSet("a", values.Concat(values)).Build();

        key.ShouldBe("op:a=[" + string.Join(",", Enumerable.Range(0, 40).Select(static i => $"v{i:D2}")) + "]");
    }

    [Fact]
    public void Add_NullValue_OmitsParameter()
    {
        var withNulls = new CacheKeyBuilder("op").Add("a", "1").Add("b", (string?)null).Add("c", (int?)null).Build();

        withNulls.ShouldBe("op:a=1");
        withNulls.ShouldBe(new CacheKeyBuilder("op").Add("a", "1").Build());
    }

    [Fact]
    public void Add_NullableWithValue_SameAsValue()
    {
        new CacheKeyBuilder("op").Add("n", (int?)5).Build().ShouldBe("op:n=5");
    }

    [Fact]
    public void Add_EmptyText_IsKeptAndDiffersFromNull()
    {
        new CacheKeyBuilder("op").Add("a", "  ").Build().ShouldBe("op:a=");
    }

    [Fact]
    public void Build_NoParameters_ReturnsOperation()
    {
        new CacheKeyBuilder("flights").Build().ShouldBe("flights");
    }

    [Theory]
    [InlineData(1.5, "1.5")]
    [InlineData(0.1, "0.1")]
    [InlineData(2.0, "2")]
    [InlineData(-0.0, "0")]
    [InlineData(1e20, "1E+20")]
    [InlineData(-3.25, "-3.25")]
    [InlineData(double.NaN, "NaN")]
    public void Add_Double_InvariantShortestForm(double value, string expected)
    {
        WithCulture("de-DE", () => new CacheKeyBuilder("op").Add("v", value).Build().ShouldBe($"op:v={expected}"));
    }

    [Fact]
    public void Add_Decimal_TrailingZerosRemoved()
    {
        WithCulture("fr-FR", () =>
        {
            new CacheKeyBuilder("op").Add("v", 1.50m).Build().ShouldBe("op:v=1.5");
            new CacheKeyBuilder("op").Add("v", 2.000m).Build().ShouldBe("op:v=2");
            new CacheKeyBuilder("op").Add("v", 0.00m).Build().ShouldBe("op:v=0");
            new CacheKeyBuilder("op").Add("v", 1200m).Build().ShouldBe("op:v=1200");
            new CacheKeyBuilder("op").Add("v", -0.0100m).Build().ShouldBe("op:v=-0.01");
        });
    }

    [Fact]
    public void Add_IntegersAndFloat_InvariantForm()
    {
        WithCulture("de-DE", () =>
        {
            new CacheKeyBuilder("op").Add("v", long.MaxValue).Build().ShouldBe("op:v=9223372036854775807");
            new CacheKeyBuilder("op").Add("v", -12345).Build().ShouldBe("op:v=-12345");
            new CacheKeyBuilder("op").Add("v", 0.1f).Build().ShouldBe("op:v=0.1");
            new CacheKeyBuilder("op").Add("v", (byte)7).Build().ShouldBe("op:v=7");
            new CacheKeyBuilder("op").Add("v", ulong.MaxValue).Build().ShouldBe("op:v=18446744073709551615");
        });
    }

    [Fact]
    public void Add_Bool_LowerCaseWords()
    {
        new CacheKeyBuilder("op").Add("a", true).Add("b", false).Build().ShouldBe("op:a=true&b=false");
    }

    [Fact]
    public void Add_DateOnlyAndTimeOnly_IsoForm()
    {
        new CacheKeyBuilder("op")
            .Add("d", new DateOnly(2026, 1, 9))
            .Add("t", new TimeOnly(7, 5))
            .Add("u", new TimeOnly(7, 5, 3, 250))
            .Build()
            .ShouldBe("op:d=2026-01-09&t=07%3A05%3A00&u=07%3A05%3A03.25");
    }

    [Fact]
    public void Add_DateTimeOffset_IsoUtcWithMinimalFraction()
    {
        var withOffset = new DateTimeOffset(2026, 12, 1, 10, 30, 0, TimeSpan.FromHours(2));
        var withFraction = new DateTimeOffset(2026, 12, 1, 8, 30, 0, 500, TimeSpan.Zero);

        new CacheKeyBuilder("op").Add("t", withOffset).Build().ShouldBe("op:t=2026-12-01T08%3A30%3A00Z");
        new CacheKeyBuilder("op").Add("t", withFraction).Build().ShouldBe("op:t=2026-12-01T08%3A30%3A00.5Z");
        new CacheKeyBuilder("op").Add("t", withOffset.AddTicks(1)).Build().ShouldBe("op:t=2026-12-01T08%3A30%3A00.0000001Z");
    }

    [Fact]
    public void Add_DateTime_UtcAndUnspecifiedAlikeLocalConverted()
    {
        var utc = new DateTime(2026, 12, 1, 8, 30, 0, DateTimeKind.Utc);
        var unspecified = new DateTime(2026, 12, 1, 8, 30, 0, DateTimeKind.Unspecified);
        var local = utc.ToLocalTime();

        var expected = "op:t=2026-12-01T08%3A30%3A00Z";
        new CacheKeyBuilder("op").Add("t", utc).Build().ShouldBe(expected);
        new CacheKeyBuilder("op").Add("t", unspecified).Build().ShouldBe(expected);
        new CacheKeyBuilder("op").Add("t", local).Build().ShouldBe(expected);
        new CacheKeyBuilder("op").Add("t", new DateTimeOffset(utc)).Build().ShouldBe(expected);
    }

    [Fact]
    public void Add_TimeSpanGuidEnum_CanonicalForms()
    {
        new CacheKeyBuilder("op")
            .Add("span", new TimeSpan(1, 2, 3, 4, 500))
            .Add("id", new Guid("0F8FAD5B-D9CB-469F-A165-70867728950E"))
            .Add("cabin", CabinClass.PremiumEconomy)
            .Build()
            .ShouldBe("op:cabin=PremiumEconomy&id=0f8fad5b-d9cb-469f-a165-70867728950e&span=1.02%3A03%3A04.5000000");
    }

    [Fact]
    public void Add_FlagsEnumAndUndefinedValue_NameListEscapedAndNumber()
    {
        new CacheKeyBuilder("op").Add("f", Amenities.Pool | Amenities.Wifi).Build().ShouldBe("op:f=Pool%2C Wifi");
        new CacheKeyBuilder("op").Add("c", (CabinClass)42).Build().ShouldBe("op:c=42");
        new CacheKeyBuilder("op").Add("c", (CabinClass?)CabinClass.First).Build().ShouldBe("op:c=First");
    }

    [Fact]
    public void Add_NumberAndItsText_SameKey()
    {
        // Keys carry values, not types: a parameter has one type per operation, so this cannot confuse two calls.
        new CacheKeyBuilder("op").Add("a", 2).Build().ShouldBe(new CacheKeyBuilder("op").Add("a", "2").Build());
    }

    [Fact]
    public void Add_ReservedCharacters_ArePercentEscaped()
    {
        new CacheKeyBuilder("op").Add("v", "a:b=c&d,e[f]{g}%h~i j").Build()
            .ShouldBe("op:v=a%3Ab%3Dc%26d%2Ce%5Bf%5D%7Bg%7D%25h~i j");
    }

    [Fact]
    public void Add_ReservedCharactersInNameAndOperation_ArePercentEscaped()
    {
        new CacheKeyBuilder("a:b").Add("x=y", "1").Build().ShouldBe("a%3Ab:x%3Dy=1");
    }

    [Fact]
    public void Add_ControlCharactersAndUnpairedSurrogates_AreEscaped()
    {
        new CacheKeyBuilder("op").Add("v", "a\nb\u007fc\u0085d").Build().ShouldBe("op:v=a%0Ab%7Fc%C2%85d");
        new CacheKeyBuilder("op").Add("v", "x\ud800y\udc00").Build().ShouldBe("op:v=x%uD800y%uDC00");
        new CacheKeyBuilder("op").Add("v", "\ud83d\ude00é").Build().ShouldBe("op:v=\ud83d\ude00é");
    }

    [Fact]
    public void Build_ValueImitatingSeparators_DiffersFromRealParameters()
    {
        var imitation = new CacheKeyBuilder("op").Add("a", "1&b=2").Build();
        var real = new CacheKeyBuilder("op").Add("a", "1").Add("b", "2").Build();
        var setImitation = new CacheKeyBuilder("op").AddSet("a", ["x,y"]).Build();
        var realSet = new CacheKeyBuilder("op").AddSet("a", ["x", "y"]).Build();
        var nameImitation = new CacheKeyBuilder("op").Add("a=1&b", "2").Build();

        imitation.ShouldNotBe(real);
        setImitation.ShouldNotBe(realSet);
        nameImitation.ShouldNotBe(real);
        new CacheKeyBuilder("op").Add("a", "[x]").Build().ShouldNotBe(new CacheKeyBuilder("op").AddSet("a", ["x"]).Build());
        new CacheKeyBuilder("op").Add("a", "%3A").Build().ShouldNotBe(new CacheKeyBuilder("op").Add("a", ":").Build());
    }

    [Fact]
    public void Add_DuplicateName_ThrowsArgumentExceptionNamingParameter()
    {
        var builder = new CacheKeyBuilder("op").Add("origin", "LAX");

        var error = Should.Throw<ArgumentException>(() => builder.Add("origin", "JFK"));

        error.Message.ShouldContain("'origin'");
        error.ParamName.ShouldBe("name");
    }

    [Fact]
    public void Add_DuplicateOfOmittedName_ThrowsArgumentException()
    {
        var builder = new CacheKeyBuilder("op").Add("origin", (string?)null);

        Should.Throw<ArgumentException>(() => builder.AddSet("origin", ["x"])).Message.ShouldContain("'origin'");
    }

    [Fact]
    public void Add_BlankName_ThrowsArgumentException()
    {
        Should.Throw<ArgumentException>(() => new CacheKeyBuilder("op").Add(" ", 1));
    }

    [Fact]
    public void Add_UnsupportedType_ThrowsArgumentExceptionNamingType()
    {
        var error = Should.Throw<ArgumentException>(() => new CacheKeyBuilder("op").Add("list", new List<int> { 1 }));

        error.ParamName.ShouldBe("value");
        error.Message.ShouldContain("List");
    }

    [Fact]
    public void Add_UndefinedKeyCase_ThrowsArgumentOutOfRangeException()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new CacheKeyBuilder("op").Add("a", "b", (KeyCase)7)).ParamName.ShouldBe("keyCase");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Constructor_BlankOperation_ThrowsArgumentException(string operation)
    {
        Should.Throw<ArgumentException>(() => new CacheKeyBuilder(operation)).ParamName.ShouldBe("operation");
    }

    [Fact]
    public void Build_CalledTwice_ReturnsSameInstance()
    {
        var builder = new CacheKeyBuilder("op").Add("a", 1);

        builder.Build().ShouldBeSameAs(builder.Build());
    }

    [Fact]
    public void Add_AfterBuild_ThrowsInvalidOperationException()
    {
        var builder = new CacheKeyBuilder("op");
        builder.Build();

        Should.Throw<InvalidOperationException>(() => builder.Add("a", 1));
    }

    [Fact]
    public void Build_ManyAndLongValues_GrowsBuffers()
    {
        var builder = new CacheKeyBuilder("op");
        for (var i = 0; i < 100; i++)
        {
            builder.Add($"p{i:D3}", new string('x', 50) + ":");
        }

        var key = builder.Build();

        key.Length.ShouldBe(2 + (100 * (4 + 1 + 50 + 3)) + 100);
        key.ShouldStartWith("op:p000=" + new string('x', 50) + "%3A&p001=");
    }

    private static void WithCulture(string name, Action action)
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo(name);
            action();
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}

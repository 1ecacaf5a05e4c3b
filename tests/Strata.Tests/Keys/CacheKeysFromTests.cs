using Strata.Keys;

namespace Strata.Tests.Keys;

public sealed class CacheKeysFromTests
{
    private static readonly FlightSearch Flight = new(
        "lax", " jfk ", new DateOnly(2026, 12, 1), null, 2, CabinClass.Economy, ["UA", "AA", "UA"], "request-1");

    [Fact]
    public void From_RecordWithAttributes_ProducesCanonicalKey()
    {
        CacheKeys.From("flights", Flight).ShouldBe(
            "flights:Adults=2&AirlineCodes=[AA,UA]&Cabin=Economy&DepartureDate=2026-12-01&Destination=JFK&Origin=LAX");
    }

    [Fact]
    public void From_Record_SameKeyAsBuilderWithSameValues()
    {
        var built = new CacheKeyBuilder("flights")
            .Add("Origin", "LAX")
            .Add("Destination", "JFK")
            .Add("DepartureDate", new DateOnly(2026, 12, 1))
            .Add("Adults", 2)
            .Add("Cabin", CabinClass.Economy)
            .AddSet("AirlineCodes", ["AA", "UA"])
            .Build();

        CacheKeys.From("flights", Flight).ShouldBe(built);
    }

    [Fact]
    public void From_IgnoredPropertyDiffers_SameKey()
    {
        CacheKeys.From("flights", Flight with { RequestId = "request-2" }).ShouldBe(CacheKeys.From("flights", Flight));
    }

    [Fact]
    public void From_NullableDateSet_IncludedInKey()
    {
        CacheKeys.From("flights", Flight with { ReturnDate = new DateOnly(2026, 12, 8) })
            .ShouldContain("&ReturnDate=2026-12-08");
    }

    [Fact]
    public void From_NestedDictionarySetsAndNames_FlattenedAndSorted()
    {
        var search = new HotelSearch
        {
            Location = "Paris ",
            CheckIn = new DateOnly(2026, 7, 14),
            Guests = new Guests(2, 1, null),
            Amenities = ["WiFi", "pool", "wifi"],
            PreferredChains = ["Ibis", "Accor", "Ibis"],
            PriceFilters = new Dictionary<string, decimal?> { ["max"] = 250.00m, ["min"] = 80m, ["avg"] = null },
            MinRating = null,
        };

        CacheKeys.From("hotels", search).ShouldBe(
            "hotels:Amenities=[pool,wifi]&CheckIn=2026-07-14&Guests.Adults=2&Guests.Children=1"
            + "&PreferredChains=[Ibis,Accor,Ibis]&PriceFilters={max=250,min=80}&loc=Paris");
    }

    [Fact]
    public void From_NullNestedAndCollections_Omitted()
    {
        CacheKeys.From("hotels", new HotelSearch { CheckIn = new DateOnly(2026, 7, 14) }).ShouldBe("hotels:CheckIn=2026-07-14");
    }

    [Fact]
    public void From_DictionaryInsertionOrder_DoesNotMatter()
    {
        var first = new HotelSearch { PriceFilters = new() { ["b"] = 2, ["a"] = 1 } };
        var second = new HotelSearch { PriceFilters = new() { ["a"] = 1, ["b"] = 2 } };

        CacheKeys.From("h", first).ShouldBe(CacheKeys.From("h", second));
        CacheKeys.From("h", first).ShouldContain("PriceFilters={a=1,b=2}");
    }

    [Fact]
    public void From_OrderedCollectionInAnotherOrder_DifferentKey()
    {
        var first = new HotelSearch { PreferredChains = ["Accor", "Ibis"] };
        var second = new HotelSearch { PreferredChains = ["Ibis", "Accor"] };

        CacheKeys.From("h", first).ShouldNotBe(CacheKeys.From("h", second));
    }

    [Fact]
    public void From_DefaultCaseOption_AppliesWhereNoAttribute()
    {
        var key = CacheKeys.From("flights", Flight with { AirlineCodes = ["ua", "Aa"] }, new CacheKeyOptions { DefaultCase = KeyCase.Lower });

        key.ShouldContain("AirlineCodes=[aa,ua]");
        key.ShouldContain("Origin=LAX");
    }

    [Fact]
    public void From_CaseOnNestedObject_InheritedByMembers()
    {
        CacheKeys.From("r", new CaseInheritingParameters(new Guests(1, 0, "suite"), "note"))
            .ShouldBe("r:Note=note&Room.Adults=1&Room.Children=0&Room.kind=SUITE");
    }

    [Fact]
    public void From_AnonymousType_UsesItsProperties()
    {
        CacheKeys.From("weather", new { City = "Lisbon", Day = new DateOnly(2026, 5, 1), Metric = true })
            .ShouldBe("weather:City=Lisbon&Day=2026-05-01&Metric=true");
    }

    [Fact]
    public void From_StructParameters_UsesItsProperties()
    {
        CacheKeys.From("stay", new StructParameters("Rome", 3)).ShouldBe("stay:City=Rome&Nights=3");
    }

    [Fact]
    public void From_SameTypeTwice_ReusesPlan()
    {
        CacheKeys.From("flights", Flight);

        KeyPlan<FlightSearch>.Members.ShouldBeSameAs(KeyPlan<FlightSearch>.Members);
        CacheKeys.From("flights", Flight).ShouldBe(CacheKeys.From("flights", Flight));
    }

    [Fact]
    public void From_DuplicateParameterName_ThrowsArgumentExceptionNamingIt()
    {
        Should.Throw<ArgumentException>(() => CacheKeys.From("d", new DuplicateNameParameters("1", "2")))
            .Message.ShouldContain("'A'");
    }

    [Fact]
    public void From_RenamedPropertyCollidingWithNestedName_ThrowsArgumentException()
    {
        Should.Throw<ArgumentException>(() => CacheKeys.From("d", new DottedCollisionParameters(1, new Guests(1, 0, null))))
            .Message.ShouldContain("'Room.Adults'");
    }

    [Fact]
    public void From_RecursiveType_ThrowsNotSupportedException()
    {
        Should.Throw<NotSupportedException>(() => CacheKeys.From("r", new RecursiveParameters("a", null)))
            .Message.ShouldContain("RecursiveParameters");
    }

    [Fact]
    public void From_CollectionOfObjects_ThrowsNotSupportedExceptionNamingProperty()
    {
        Should.Throw<NotSupportedException>(() => CacheKeys.From("r", new ObjectListParameters([])))
            .Message.ShouldContain("ObjectListParameters.Rooms");
    }

    [Fact]
    public void From_ObjectTypedProperty_ThrowsNotSupportedException()
    {
        Should.Throw<NotSupportedException>(() => CacheKeys.From("r", new ObjectPropertyParameters(1)));
    }

    [Fact]
    public void From_ScalarOrCollection_ThrowsArgumentException()
    {
        Should.Throw<ArgumentException>(() => CacheKeys.From("r", 42));
        Should.Throw<ArgumentException>(() => CacheKeys.From("r", new List<string>()));
    }

    [Fact]
    public void From_NullParameters_ThrowsArgumentNullException()
    {
        Should.Throw<ArgumentNullException>(() => CacheKeys.From<FlightSearch>("flights", null!)).ParamName.ShouldBe("parameters");
    }

    [Fact]
    public void From_BlankOperation_ThrowsArgumentException()
    {
        Should.Throw<ArgumentException>(() => CacheKeys.From(" ", Flight)).ParamName.ShouldBe("operation");
    }
}

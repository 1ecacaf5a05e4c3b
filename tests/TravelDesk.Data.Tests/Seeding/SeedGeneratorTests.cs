using System.Globalization;
using TravelDesk.Data.Seeding;

namespace TravelDesk.Data.Tests.Seeding;

public sealed class SeedGeneratorTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 15, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Generate_SameSizeAndDay_ProducesIdenticalRows()
    {
        var a = SeedGenerator.Generate(50, Now);
        var b = SeedGenerator.Generate(50, Now);

        a.Tables.Select(static t => t.Name).ShouldBe(b.Tables.Select(static t => t.Name));
        for (var i = 0; i < a.Tables.Count; i++)
        {
            Render(a.Tables[i]).ShouldBe(Render(b.Tables[i]), a.Tables[i].Name);
        }
    }

    [Fact]
    public void Generate_DefaultSize_HasTheDocumentedCounts()
    {
        var tables = SeedGenerator.Generate(TravelDeskDatabaseOptions.DefaultSeedSize, Now).Tables.ToDictionary(static t => t.Name);

        tables["trip_templates"].Rows.Count.ShouldBe(300);
        tables["occurrences"].Rows.Count.ShouldBe(2000);
        tables["reviews"].Rows.Count.ShouldBe(3000);
        tables["users"].Rows.Count.ShouldBe(2000);
        tables["locations"].Rows.Count.ShouldBe(40);
    }

    // Pinned values: they only change when the seed recipe changes, never between runs, processes or machines
    // (which a hash- or Random-based generator would not guarantee).
    [Fact]
    public void Generate_KnownSeed_ProducesThePinnedValues()
    {
        var tables = SeedGenerator.Generate(TravelDeskDatabaseOptions.DefaultSeedSize, Now).Tables.ToDictionary(static t => t.Name);

        tables["trip_templates"].Rows[0][1].ShouldBe("Wild Rome Nature Quest");
        tables["users"].Rows[0][1].ShouldBe("farid.visser.1@example.com");
        tables["users"].Rows.Sum(static r => (int)r[4]!).ShouldBe(1_305_807);
        tables["occurrences"].Rows.Sum(static r => (long)(int)r[4]!).ShouldBe(263_014_400L);
    }

    [Fact]
    public void Generate_OnALaterDay_ShiftsTheDatesAndKeepsEverythingElse()
    {
        var today = SeedGenerator.Generate(40, Now).Tables.ToDictionary(static t => t.Name);
        var later = SeedGenerator.Generate(40, Now.AddDays(10)).Tables.ToDictionary(static t => t.Name);

        var occurrences = today["occurrences"].Rows;
        var shifted = later["occurrences"].Rows;
        for (var i = 0; i < occurrences.Count; i++)
        {
            ((DateOnly)shifted[i][2]!).ShouldBe(((DateOnly)occurrences[i][2]!).AddDays(10));
            shifted[i][4].ShouldBe(occurrences[i][4]);
        }

        later["trip_templates"].Rows.Select(static r => r[1]).ShouldBe(today["trip_templates"].Rows.Select(static r => r[1]));
    }

    private static List<string> Render(SeedTable table) =>
        [.. table.Rows.Select(static row => string.Join('|', row.Select(static v => v is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : v?.ToString() ?? "NULL")))];
}

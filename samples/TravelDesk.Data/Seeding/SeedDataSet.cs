namespace TravelDesk.Data.Seeding;

/// <summary>Everything a new database is filled with, tables in foreign-key order.</summary>
internal sealed record SeedDataSet(IReadOnlyList<SeedTable> Tables);

namespace TravelDesk.Data.Seeding;

/// <summary>The rows generated for one table, column values in <see cref="Columns"/> order.</summary>
internal sealed record SeedTable(string Name, IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows)
{
    /// <summary>Whether the table has an <c>id</c> identity the seed filled explicitly.</summary>
    public bool HasIdColumn => Columns.Count > 0 && Columns[0] == "id";
}

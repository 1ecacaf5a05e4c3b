using System.Globalization;
using System.Text;
using TravelDesk.Data.Connections;

namespace TravelDesk.Data.Seeding;

/// <summary>
/// Inserts seed rows as parameterised multi-row INSERTs of a fixed size, all through one reused command: one round trip
/// per chunk instead of per row (what PostgreSQL needs), and one parse instead of one per chunk (what SQLite needs;
/// its parameter lookup by name grows with the square of the parameters per statement, so chunks stay small).
/// </summary>
internal static class BulkInserter
{
    private const int MaxRowsPerStatement = 50;

    public static async Task InsertAsync(DbOperation operation, SeedTable table, CancellationToken cancellationToken)
    {
        var columns = table.Columns.Count;
        var rowsPerStatement = Math.Min(MaxRowsPerStatement, table.Rows.Count);
        var fullChunks = table.Rows.Count / rowsPerStatement;
        if (fullChunks > 0)
        {
            await operation.ExecuteBatchesAsync(
                BuildSql(table, rowsPerStatement),
                ParameterNames(rowsPerStatement * columns),
                Chunks(table, 0, fullChunks, rowsPerStatement),
                cancellationToken).ConfigureAwait(false);
        }

        var remaining = table.Rows.Count - (fullChunks * rowsPerStatement);
        if (remaining > 0)
        {
            await operation.ExecuteBatchesAsync(
                BuildSql(table, remaining),
                ParameterNames(remaining * columns),
                Chunks(table, fullChunks * rowsPerStatement, 1, remaining),
                cancellationToken).ConfigureAwait(false);
        }
    }

    private static IEnumerable<object?[]> Chunks(SeedTable table, int firstRow, int chunks, int rowsPerChunk)
    {
        var columns = table.Columns.Count;
        for (var chunk = 0; chunk < chunks; chunk++)
        {
            var values = new object?[rowsPerChunk * columns];
            for (var r = 0; r < rowsPerChunk; r++)
            {
                table.Rows[firstRow + (chunk * rowsPerChunk) + r].CopyTo(values, r * columns);
            }

            yield return values;
        }
    }

    private static string BuildSql(SeedTable table, int rows)
    {
        var sql = new StringBuilder()
            .Append("INSERT INTO ").Append(table.Name)
            .Append(" (").Append(string.Join(", ", table.Columns)).Append(") VALUES ");
        for (var r = 0; r < rows; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < table.Columns.Count; c++)
            {
                sql.Append(c == 0 ? "@" : ", @").Append(ParameterName((r * table.Columns.Count) + c));
            }

            sql.Append(')');
        }

        return sql.ToString();
    }

    private static string[] ParameterNames(int count) => [.. Enumerable.Range(0, count).Select(ParameterName)];

    private static string ParameterName(int index) => "p" + index.ToString(CultureInfo.InvariantCulture);
}

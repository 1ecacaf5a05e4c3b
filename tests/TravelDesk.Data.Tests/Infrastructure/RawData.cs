using TravelDesk.Data.Schema;

namespace TravelDesk.Data.Tests.Infrastructure;

/// <summary>
/// Whole tables read with plain SQL on a connection of the database under test (not counted as queries), so tests can
/// compute the expected answer independently of the query classes.
/// </summary>
public static class RawData
{
    public static IReadOnlyList<string> Tables => SchemaScript.Tables;

    public static async Task<List<RawRow>> ReadTableAsync(TravelDeskDatabase database, string table)
    {
        // The primary key (or the first two columns of template_tags) gives a stable order on both engines.
        var order = table == "template_tags" ? "template_id, tag_id" : "id";
        return await QueryAsync(database, $"SELECT * FROM {table} ORDER BY {order}");
    }

    public static async Task<List<RawRow>> QueryAsync(TravelDeskDatabase database, string sql)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<RawRow>();
        while (await reader.ReadAsync())
        {
            var values = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                var column = reader.GetName(i);
                values[column] = RawRow.Normalize(column, reader.GetValue(i));
            }

            rows.Add(new RawRow(values));
        }

        return rows;
    }

    public static async Task<long> CountAsync(TravelDeskDatabase database, string table)
    {
        var rows = await QueryAsync(database, $"SELECT COUNT(*) AS n FROM {table}");
        return rows[0].Long("n");
    }

    public static async Task ExecuteAsync(TravelDeskDatabase database, string sql)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Every data table as text, one line per row: equal dumps mean equal data.</summary>
    public static async Task<Dictionary<string, List<string>>> DumpAsync(TravelDeskDatabase database)
    {
        var dump = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var table in Tables)
        {
            dump[table] = [.. (await ReadTableAsync(database, table)).Select(static r => r.ToString())];
        }

        return dump;
    }
}

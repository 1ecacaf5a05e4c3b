using System.Data.Common;
using System.Globalization;

namespace TravelDesk.Data.Connections;

/// <summary>
/// Reads columns whatever CLR type the provider hands back: SQLite gives every integer as long and every aggregate as
/// long or double, PostgreSQL gives int, bigint (COUNT, SUM of int) or numeric (SUM of bigint, AVG).
/// </summary>
internal static class DbValues
{
    public static int Int32(DbDataReader reader, int ordinal) =>
        Convert.ToInt32(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    public static int Int32OrZero(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? 0 : Int32(reader, ordinal);

    public static long Int64OrZero(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? 0 : Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    public static int? NullableInt32(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Int32(reader, ordinal);

    public static double Double(DbDataReader reader, int ordinal) =>
        Convert.ToDouble(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    public static double? NullableDouble(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Double(reader, ordinal);

    public static string String(DbDataReader reader, int ordinal) => reader.GetString(ordinal);

    public static string? NullableString(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    // SQLite has no boolean type and stores 0/1 integers; PostgreSQL returns bool.
    public static bool Boolean(DbDataReader reader, int ordinal) => reader.GetValue(ordinal) switch
    {
        bool value => value,
        var value => Convert.ToInt64(value, CultureInfo.InvariantCulture) != 0,
    };
}

using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace TravelDesk.Data.Dialects;

/// <summary>
/// SQLite: dates and timestamps are fixed-width ISO text ("yyyy-MM-dd", "yyyy-MM-dd HH:mm:ss" in UTC), so comparing the
/// text compares the instants and julianday() can do date arithmetic. Timestamps are truncated to seconds on both
/// engines so the same seed reads back identically.
/// </summary>
internal sealed class SqliteDialect : ISqlDialect
{
    public const string DateFormat = "yyyy-MM-dd";
    public const string TimestampFormat = "yyyy-MM-dd HH:mm:ss";

    // SQLITE_CONSTRAINT_UNIQUE and SQLITE_CONSTRAINT_PRIMARYKEY (extended result codes of SQLITE_CONSTRAINT = 19).
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteConstraintPrimaryKey = 1555;

    public static readonly SqliteDialect Instance = new();

    private SqliteDialect()
    {
    }

    public DatabaseProvider Provider => DatabaseProvider.Sqlite;

    // AUTOINCREMENT: ids are never reused, even after the highest row is deleted.
    public string IdentityPrimaryKey => "INTEGER PRIMARY KEY AUTOINCREMENT";

    public string BooleanType => "INTEGER";

    public string DateType => "TEXT";

    public string TimestampType => "TEXT";

    public string DoubleType => "REAL";

    // WAL lets readers run while one connection writes; the setting is stored in the file, so once is enough.
    public string? StoragePreparation => "PRAGMA journal_mode = WAL";

    // BEGIN IMMEDIATE already gives the schema transaction the database's single write lock.
    public string? SchemaLock => null;

    public string ForUpdate => string.Empty;

    public string DaysFrom(string dateExpression, string fromParameter) =>
        $"(julianday({dateExpression}) - julianday(@{fromParameter}))";

    public string StringAggregate(string expression, string separator) => $"group_concat({expression}, '{separator}')";

    // AUTOINCREMENT tracks the highest explicit id in sqlite_sequence by itself.
    public string? ResetIdentity(string table) => null;

    public object ToParameterValue(object? value) => value switch
    {
        null => DBNull.Value,
        DateOnly date => date.ToString(DateFormat, CultureInfo.InvariantCulture),
        DateTimeOffset timestamp => Timestamps.Truncate(timestamp).UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture),
        _ => value,
    };

    public DateOnly ReadDate(DbDataReader reader, int ordinal) =>
        DateOnly.ParseExact(reader.GetString(ordinal), DateFormat, CultureInfo.InvariantCulture);

    public DateTimeOffset ReadTimestamp(DbDataReader reader, int ordinal) =>
        DateTimeOffset.ParseExact(
            reader.GetString(ordinal),
            TimestampFormat,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public bool IsUniqueViolation(DbException exception) =>
        exception is SqliteException
        {
            SqliteErrorCode: SqliteConstraint,
            SqliteExtendedErrorCode: SqliteConstraintUnique or SqliteConstraintPrimaryKey,
        };
}

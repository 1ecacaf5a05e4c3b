using System.Data.Common;

namespace TravelDesk.Data.Dialects;

/// <summary>
/// What differs between SQLite and PostgreSQL for TravelDesk's SQL: column types in the DDL, a few functions, locking,
/// and how dates travel (ISO text on SQLite, date/timestamptz on PostgreSQL). Everything else is written once, in SQL
/// both engines accept.
/// </summary>
internal interface ISqlDialect
{
    DatabaseProvider Provider { get; }

    /// <summary>An auto-numbered integer primary key column type.</summary>
    string IdentityPrimaryKey { get; }

    string BooleanType { get; }

    string DateType { get; }

    string TimestampType { get; }

    string DoubleType { get; }

    /// <summary>Run once, outside any transaction, before the schema is created (SQLite: WAL); <see langword="null"/> when none.</summary>
    string? StoragePreparation { get; }

    /// <summary>The first statement of the schema transaction, serialising concurrent initialisers; <see langword="null"/> when the transaction itself does.</summary>
    string? SchemaLock { get; }

    /// <summary>Appended to a SELECT that reads a row it is about to change, to lock it (empty where the transaction already holds the write lock).</summary>
    string ForUpdate { get; }

    /// <summary>An SQL expression for the number of days from the date parameter <paramref name="fromParameter"/> to <paramref name="dateExpression"/>.</summary>
    string DaysFrom(string dateExpression, string fromParameter);

    /// <summary>An aggregate joining <paramref name="expression"/> over a group with <paramref name="separator"/> (a literal, not user input).</summary>
    string StringAggregate(string expression, string separator);

    /// <summary>Moves the identity of <paramref name="table"/> past the ids inserted explicitly by the seed; <see langword="null"/> when nothing is needed.</summary>
    string? ResetIdentity(string table);

    object ToParameterValue(object? value);

    DateOnly ReadDate(DbDataReader reader, int ordinal);

    DateTimeOffset ReadTimestamp(DbDataReader reader, int ordinal);

    bool IsUniqueViolation(DbException exception);
}

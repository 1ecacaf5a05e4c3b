using System.Globalization;

namespace TravelDesk.Data.Tests.Infrastructure;

/// <summary>
/// One table row read straight from the database, its values normalised so rows from SQLite and PostgreSQL compare
/// equal: integers as long, reals as double, booleans as bool, dates as DateOnly, timestamps as UTC DateTimeOffset.
/// </summary>
public sealed class RawRow
{
    private readonly Dictionary<string, object?> _values;

    public RawRow(Dictionary<string, object?> values)
    {
        _values = values;
    }

    public IReadOnlyDictionary<string, object?> Values => _values;

    public int Int(string column) => checked((int)(long)_values[column]!);

    public long Long(string column) => (long)_values[column]!;

    public double Double(string column) => (double)_values[column]!;

    public string String(string column) => (string)_values[column]!;

    public bool Bool(string column) => (bool)_values[column]!;

    public DateOnly Date(string column) => (DateOnly)_values[column]!;

    public DateTimeOffset Timestamp(string column) => (DateTimeOffset)_values[column]!;

    public DateTimeOffset? NullableTimestamp(string column) => (DateTimeOffset?)_values[column];

    public int? NullableInt(string column) => _values[column] is long value ? checked((int)value) : null;

    public static object? Normalize(string column, object? value) => value switch
    {
        null or DBNull => null,
        bool b => b,
        long l when column == "verified" => l != 0,
        int or long or short => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        double or float or decimal => Convert.ToDouble(value, CultureInfo.InvariantCulture),
        DateOnly date => date,
        DateTime dateTime => new DateTimeOffset(DateTime.SpecifyKind(dateTime, DateTimeKind.Utc)),
        DateTimeOffset timestamp => timestamp.ToUniversalTime(),
        string text when column.EndsWith("_date", StringComparison.Ordinal) =>
            DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        string text when column.EndsWith("_at", StringComparison.Ordinal) =>
            DateTimeOffset.ParseExact(text, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
        string text => text,
        _ => throw new InvalidOperationException($"Column {column}: unexpected {value.GetType()}."),
    };

    public override string ToString() => string.Join(
        "; ",
        _values.Select(static kv => kv.Key + "=" + kv.Value switch
        {
            null => "NULL",
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTimeOffset t => t.ToString("O", CultureInfo.InvariantCulture),
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            var other => other.ToString(),
        }));
}

using System.Data.Common;
using TravelDesk.Data.Connections;

namespace TravelDesk.Data.Resources;

/// <summary>Row-to-record mapping for the resource tables, shared by the resource lists and the template details.</summary>
internal static class ResourceMapping
{
    public static Location Location(DbDataReader reader, int first) => new(
        DbValues.Int32(reader, first),
        reader.GetString(first + 1),
        reader.GetString(first + 2),
        reader.GetString(first + 3),
        DbValues.Double(reader, first + 4),
        DbValues.Double(reader, first + 5));

    public static TripType TripType(DbDataReader reader, int first) =>
        new(DbValues.Int32(reader, first), reader.GetString(first + 1), reader.GetString(first + 2));

    public static Tag Tag(DbDataReader reader, int first) => new(DbValues.Int32(reader, first), reader.GetString(first + 1));

    public static Guide Guide(DbDataReader reader, int first) => new(
        DbValues.Int32(reader, first),
        reader.GetString(first + 1),
        reader.GetString(first + 2).Split(',', StringSplitOptions.RemoveEmptyEntries),
        DbValues.Double(reader, first + 3));

    public static Company Company(DbDataReader reader, int first) => new(
        DbValues.Int32(reader, first),
        reader.GetString(first + 1),
        reader.GetString(first + 2),
        DbValues.Boolean(reader, first + 3));
}

using System.Data.Common;
using TravelDesk.Data.Connections;
using TravelDesk.Data.Dialects;

namespace TravelDesk.Data.Users;

/// <summary>The user columns every user query selects, and their mapping.</summary>
internal static class UserMapping
{
    public const string Columns = "id, email, name, status, points, created_at, last_login_at";

    public static User Map(DbDataReader reader, ISqlDialect dialect) => new(
        DbValues.Int32(reader, 0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        DbValues.Int32(reader, 4),
        dialect.ReadTimestamp(reader, 5),
        reader.IsDBNull(6) ? null : dialect.ReadTimestamp(reader, 6));
}

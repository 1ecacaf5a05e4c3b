using TravelDesk.Data.Dialects;

namespace TravelDesk.Data.Schema;

/// <summary>
/// TravelDesk's tables, written once with the dialect's column types filled in. Every statement is idempotent
/// (IF NOT EXISTS), so running the script against an existing database changes nothing. Money is stored in whole
/// cents (integers) because SQLite has no exact decimal type: sums and comparisons stay exact on both engines.
/// </summary>
internal static class SchemaScript
{
    /// <summary>The version this code writes and expects; a database holding another one is refused rather than misread.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The data tables in insertion (foreign-key) order.</summary>
    public static readonly IReadOnlyList<string> Tables =
    [
        "locations", "trip_types", "tags", "guides", "companies", "trip_templates", "template_tags",
        "occurrences", "reviews", "users", "point_events",
    ];

    public static IReadOnlyList<string> Statements(ISqlDialect dialect)
    {
        var id = dialect.IdentityPrimaryKey;
        var real = dialect.DoubleType;
        var date = dialect.DateType;
        var timestamp = dialect.TimestampType;
        return
        [
            $"""
            CREATE TABLE IF NOT EXISTS schema_version (
                version INTEGER NOT NULL PRIMARY KEY,
                applied_at {timestamp} NOT NULL,
                seed_size INTEGER NOT NULL)
            """,
            $"""
            CREATE TABLE IF NOT EXISTS locations (
                id {id},
                name TEXT NOT NULL,
                country TEXT NOT NULL,
                region TEXT NOT NULL,
                latitude {real} NOT NULL,
                longitude {real} NOT NULL)
            """,
            $"""
            CREATE TABLE IF NOT EXISTS trip_types (
                id {id},
                name TEXT NOT NULL,
                slug TEXT NOT NULL UNIQUE)
            """,
            $"""
            CREATE TABLE IF NOT EXISTS tags (
                id {id},
                name TEXT NOT NULL UNIQUE)
            """,
            $"""
            CREATE TABLE IF NOT EXISTS guides (
                id {id},
                name TEXT NOT NULL,
                languages TEXT NOT NULL,
                rating {real} NOT NULL)
            """,
            $"""
            CREATE TABLE IF NOT EXISTS companies (
                id {id},
                name TEXT NOT NULL,
                country TEXT NOT NULL,
                verified {dialect.BooleanType} NOT NULL)
            """,
            $"""
            CREATE TABLE IF NOT EXISTS trip_templates (
                id {id},
                title TEXT NOT NULL,
                description TEXT NOT NULL,
                location_id INTEGER NOT NULL REFERENCES locations (id),
                trip_type_id INTEGER NOT NULL REFERENCES trip_types (id),
                company_id INTEGER NOT NULL REFERENCES companies (id),
                guide_id INTEGER NULL REFERENCES guides (id),
                duration_days INTEGER NOT NULL CHECK (duration_days > 0),
                base_price_cents INTEGER NOT NULL CHECK (base_price_cents > 0),
                difficulty INTEGER NOT NULL CHECK (difficulty BETWEEN 1 AND 5),
                max_group_size INTEGER NOT NULL CHECK (max_group_size > 0),
                updated_at {timestamp} NOT NULL)
            """,
            """
            CREATE TABLE IF NOT EXISTS template_tags (
                template_id INTEGER NOT NULL REFERENCES trip_templates (id) ON DELETE CASCADE,
                tag_id INTEGER NOT NULL REFERENCES tags (id),
                PRIMARY KEY (template_id, tag_id))
            """,
            $"""
            CREATE TABLE IF NOT EXISTS occurrences (
                id {id},
                template_id INTEGER NOT NULL REFERENCES trip_templates (id),
                start_date {date} NOT NULL,
                end_date {date} NOT NULL,
                price_cents INTEGER NOT NULL CHECK (price_cents > 0),
                capacity INTEGER NOT NULL CHECK (capacity > 0),
                booked INTEGER NOT NULL CHECK (booked >= 0 AND booked <= capacity),
                status TEXT NOT NULL CHECK (status IN ('open', 'full', 'cancelled')))
            """,
            $"""
            CREATE TABLE IF NOT EXISTS reviews (
                id {id},
                template_id INTEGER NOT NULL REFERENCES trip_templates (id),
                rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
                created_at {timestamp} NOT NULL)
            """,
            $"""
            CREATE TABLE IF NOT EXISTS users (
                id {id},
                email TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('active', 'inactive', 'suspended')),
                points INTEGER NOT NULL CHECK (points >= 0),
                created_at {timestamp} NOT NULL,
                last_login_at {timestamp} NULL)
            """,
            $"""
            CREATE TABLE IF NOT EXISTS point_events (
                id {id},
                user_id INTEGER NOT NULL REFERENCES users (id),
                delta INTEGER NOT NULL,
                reason TEXT NOT NULL,
                created_at {timestamp} NOT NULL)
            """,

            // The indexes the recommendation, detail and dashboard queries lean on.
            "CREATE INDEX IF NOT EXISTS ix_trip_templates_location ON trip_templates (location_id)",
            "CREATE INDEX IF NOT EXISTS ix_template_tags_tag ON template_tags (tag_id)",
            "CREATE INDEX IF NOT EXISTS ix_occurrences_template_start ON occurrences (template_id, start_date)",
            "CREATE INDEX IF NOT EXISTS ix_occurrences_start ON occurrences (start_date)",
            "CREATE INDEX IF NOT EXISTS ix_reviews_template ON reviews (template_id)",
            "CREATE INDEX IF NOT EXISTS ix_users_points ON users (points)",
            "CREATE INDEX IF NOT EXISTS ix_point_events_user ON point_events (user_id)",
        ];
    }
}

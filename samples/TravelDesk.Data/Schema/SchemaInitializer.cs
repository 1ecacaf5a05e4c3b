using TravelDesk.Data.Connections;
using TravelDesk.Data.Diagnostics;
using TravelDesk.Data.Seeding;

namespace TravelDesk.Data.Schema;

/// <summary>
/// Creates the schema and the seed data in one transaction, or finds them there. The version row is written last, in
/// the same transaction as the seed, so it doubles as the "seeded" marker: a crash half-way leaves nothing behind.
/// </summary>
internal static class SchemaInitializer
{
    public static async Task<bool> EnsureCreatedAsync(TravelDeskDatabase database, CancellationToken cancellationToken)
    {
        var dialect = database.Dialect;
        var started = database.TimeProvider.GetTimestamp();
        await using var operation = await DbOperation.StartAsync(database, name: null, cancellationToken).ConfigureAwait(false);

        if (dialect.StoragePreparation is { } preparation)
        {
            await operation.ExecuteAsync(preparation, null, cancellationToken).ConfigureAwait(false);
        }

        await operation.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        if (dialect.SchemaLock is { } schemaLock)
        {
            await operation.ExecuteAsync(schemaLock, null, cancellationToken).ConfigureAwait(false);
        }

        foreach (var statement in SchemaScript.Statements(dialect))
        {
            await operation.ExecuteAsync(statement, null, cancellationToken).ConfigureAwait(false);
        }

        var existing = await operation.QueryFirstOrDefaultAsync(
            "SELECT version, seed_size FROM schema_version ORDER BY version DESC",
            null,
            static (reader, _) => ((int Version, int SeedSize)?)(DbValues.Int32(reader, 0), DbValues.Int32(reader, 1)),
            cancellationToken).ConfigureAwait(false);

        if (existing is { } found)
        {
            if (found.Version != SchemaScript.CurrentVersion)
            {
                throw new InvalidOperationException(
                    $"The TravelDesk database has schema version {found.Version}; this build expects {SchemaScript.CurrentVersion}. Delete it (it is only seed data) or point the connection string elsewhere.");
            }

            // Nothing was changed; committing only releases the lock sooner than disposing would.
            await operation.CommitAsync(cancellationToken).ConfigureAwait(false);
            Log.DatabaseReused(database.Logger, database.Provider, found.Version, found.SeedSize);
            return false;
        }

        var now = database.TimeProvider.GetUtcNow();
        var seed = SeedGenerator.Generate(database.SeedSize, now);
        foreach (var table in seed.Tables)
        {
            await BulkInserter.InsertAsync(operation, table, cancellationToken).ConfigureAwait(false);
            if (dialect.ResetIdentity(table.Name) is { } reset && table.HasIdColumn)
            {
                await operation.ExecuteAsync(reset, null, cancellationToken).ConfigureAwait(false);
            }
        }

        await operation.ExecuteAsync(
            "INSERT INTO schema_version (version, applied_at, seed_size) VALUES (@version, @appliedAt, @seedSize)",
            new SqlArguments().Add("version", SchemaScript.CurrentVersion).Add("appliedAt", now).Add("seedSize", database.SeedSize),
            cancellationToken).ConfigureAwait(false);
        await operation.CommitAsync(cancellationToken).ConfigureAwait(false);

        var elapsed = database.TimeProvider.GetElapsedTime(started);
        Log.DatabaseSeeded(database.Logger, database.Provider, SchemaScript.CurrentVersion, database.SeedSize, (long)elapsed.TotalMilliseconds);
        return true;
    }
}

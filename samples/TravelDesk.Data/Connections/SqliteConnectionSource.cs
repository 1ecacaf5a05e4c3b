using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace TravelDesk.Data.Connections;

/// <summary>
/// SQLite connections set up for a web service: concurrent writers wait for the lock instead of failing, foreign keys
/// are enforced, and WAL (set once per file by the schema initializer) lets readers run alongside the writer.
/// </summary>
internal sealed class SqliteConnectionSource : IConnectionSource
{
    private readonly string _connectionString;
    private readonly string _connectionSetup;

    public SqliteConnectionSource(string connectionString, TimeSpan busyTimeout)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString)
        {
            // Microsoft.Data.Sqlite runs PRAGMA foreign_keys on every open; SQLite leaves them off otherwise.
            ForeignKeys = true,
            Pooling = true,
        };

        // Microsoft.Data.Sqlite also retries busy statements on its own until the command timeout; keep that at least
        // as long as SQLite's busy handler so the two agree on when to give up.
        var seconds = (int)Math.Ceiling(busyTimeout.TotalSeconds);
        builder.DefaultTimeout = Math.Max(builder.DefaultTimeout, seconds);
        _connectionString = builder.ToString();

        // busy_timeout makes SQLite itself wait (with fine-grained sleeps) for another connection's write lock.
        // synchronous=NORMAL is the recommended pairing with WAL: still corruption-proof, without an fsync per commit.
        _connectionSetup = string.Create(
            CultureInfo.InvariantCulture,
            $"PRAGMA busy_timeout = {(long)busyTimeout.TotalMilliseconds}; PRAGMA synchronous = NORMAL;");
    }

    public async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var command = connection.CreateCommand();
            command.CommandText = _connectionSetup;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();

        // Not deferred (BEGIN IMMEDIATE): the write lock is taken at the start, where the busy handler can wait for it.
        // A deferred transaction that reads first and writes later fails at once with SQLITE_BUSY when another writer
        // got there in between, because waiting could deadlock.
        return ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));
    }

    public ValueTask DisposeAsync()
    {
        // Idle pooled connections keep the file (and its -wal/-shm files) open; release them with the database.
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
        return ValueTask.CompletedTask;
    }
}

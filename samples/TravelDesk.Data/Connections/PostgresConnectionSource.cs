using System.Data.Common;
using Npgsql;

namespace TravelDesk.Data.Connections;

/// <summary>PostgreSQL connections from one <see cref="NpgsqlDataSource"/>, which owns the pool.</summary>
internal sealed class PostgresConnectionSource : IConnectionSource
{
    private readonly NpgsqlDataSource _dataSource;

    public PostgresConnectionSource(string connectionString)
    {
        _dataSource = NpgsqlDataSource.Create(connectionString);
    }

    public async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    // Read committed is enough: writers lock the rows they change (UPDATE, SELECT ... FOR UPDATE), and an UPDATE that
    // waited re-reads the row, so "points = points + @delta" never loses an increment.
    public ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        connection.BeginTransactionAsync(cancellationToken);

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}

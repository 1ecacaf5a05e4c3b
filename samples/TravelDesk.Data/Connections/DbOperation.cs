using System.Data.Common;
using TravelDesk.Data.Dialects;

namespace TravelDesk.Data.Connections;

/// <summary>
/// One connection (and optionally one write transaction) used by one query method. Every statement goes through here,
/// which is what makes <see cref="TravelDeskDatabase.QueryCount"/> exact: one count per statement, tagged with the
/// method's name. Disposing without <see cref="CommitAsync"/> rolls the transaction back.
/// </summary>
internal sealed class DbOperation : IAsyncDisposable
{
    private readonly TravelDeskDatabase _database;
    private readonly string? _name;
    private readonly DbConnection _connection;
    private DbTransaction? _transaction;

    private DbOperation(TravelDeskDatabase database, string? name, DbConnection connection)
    {
        _database = database;
        _name = name;
        _connection = connection;
    }

    public ISqlDialect Dialect => _database.Dialect;

    /// <summary>Opens a connection for the method <paramref name="name"/>; <see langword="null"/> runs uncounted (schema work).</summary>
    public static async Task<DbOperation> StartAsync(TravelDeskDatabase database, string? name, CancellationToken cancellationToken)
    {
        var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return new DbOperation(database, name, connection);
    }

    public async Task BeginWriteAsync(CancellationToken cancellationToken)
    {
        if (_transaction is not null)
        {
            throw new InvalidOperationException("The operation already has a transaction.");
        }

        _transaction = await _database.Connections.BeginWriteAsync(_connection, cancellationToken).ConfigureAwait(false);
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (_transaction is null)
        {
            throw new InvalidOperationException("The operation has no transaction to commit.");
        }

        await _transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        await _transaction.DisposeAsync().ConfigureAwait(false);
        _transaction = null;
    }

    public async Task<int> ExecuteAsync(string sql, SqlArguments? arguments, CancellationToken cancellationToken)
    {
        await using var command = CreateCommand(sql, arguments);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs one statement many times with different values, on one command whose parameters are bound anew for each
    /// batch: the SQL is parsed (and on SQLite prepared) once, which is what makes seeding fast.
    /// </summary>
    public async Task ExecuteBatchesAsync(
        string sql, IReadOnlyList<string> parameterNames, IEnumerable<object?[]> batches, CancellationToken cancellationToken)
    {
        await using var command = CreateCommand(sql, null);
        var parameters = new DbParameter[parameterNames.Count];
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i] = command.CreateParameter();
            parameters[i].ParameterName = parameterNames[i];
            command.Parameters.Add(parameters[i]);
        }

        var first = true;
        foreach (var values in batches)
        {
            if (!first && _name is not null)
            {
                _database.RecordQuery(_name);
            }

            first = false;
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = _database.Dialect.ToParameterValue(values[i]);
            }

            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<List<T>> QueryAsync<T>(
        string sql, SqlArguments? arguments, Func<DbDataReader, ISqlDialect, T> map, CancellationToken cancellationToken)
    {
        await using var command = CreateCommand(sql, arguments);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var results = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            results.Add(map(reader, _database.Dialect));
        }

        return results;
    }

    /// <summary>The first row mapped, or <c>default</c> when there is none (use a nullable <typeparamref name="T"/>).</summary>
    public async Task<T?> QueryFirstOrDefaultAsync<T>(
        string sql, SqlArguments? arguments, Func<DbDataReader, ISqlDialect, T> map, CancellationToken cancellationToken)
    {
        await using var command = CreateCommand(sql, arguments);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? map(reader, _database.Dialect) : default;
    }

    public async ValueTask DisposeAsync()
    {
        if (_transaction is not null)
        {
            // Disposing an uncommitted transaction rolls it back (on SQLite it also releases the write lock at once).
            await _transaction.DisposeAsync().ConfigureAwait(false);
            _transaction = null;
        }

        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    private DbCommand CreateCommand(string sql, SqlArguments? arguments)
    {
        if (_name is not null)
        {
            // Counted before it runs: a statement that fails still reached the database.
            _database.RecordQuery(_name);
        }

        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = _transaction;
        if (arguments is not null)
        {
            foreach (var (name, value) in arguments)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = _database.Dialect.ToParameterValue(value);
                command.Parameters.Add(parameter);
            }
        }

        return command;
    }
}

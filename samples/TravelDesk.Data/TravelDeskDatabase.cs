using System.Data.Common;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TravelDesk.Data.Connections;
using TravelDesk.Data.Diagnostics;
using TravelDesk.Data.Dialects;
using TravelDesk.Data.Options;
using TravelDesk.Data.Schema;

namespace TravelDesk.Data;

/// <summary>
/// TravelDesk's database: opens connections for the configured engine, creates and seeds the schema, and counts every
/// statement the query classes run (<see cref="QueryCount"/> and the <c>traveldesk.db.queries</c> counter), which is
/// how the service shows what its cache saves. One instance per process (a singleton): it owns the connection pool.
/// </summary>
public sealed class TravelDeskDatabase : IAsyncDisposable, IDisposable
{
    /// <summary>The name of the meter the query counter is created on.</summary>
    public const string MeterName = "TravelDesk.Database";

    /// <summary>The name of the counter of executed statements (tag <c>operation</c>: the query method's name).</summary>
    public const string QueriesInstrumentName = "traveldesk.db.queries";

    private readonly IConnectionSource _connections;
    private readonly DatabaseMetrics _metrics;
    private long _queryCount;
    private int _disposed;

    /// <summary>Creates the database access object; nothing is opened until the first query or <see cref="EnsureCreatedAsync"/>.</summary>
    /// <param name="options">Provider, connection string and seed size; copied, later changes are not seen.</param>
    /// <param name="timeProvider">The clock for "today" and timestamps. Default: <see cref="TimeProvider.System"/>.</param>
    /// <param name="meterFactory">Creates the <see cref="MeterName"/> meter; without one the meter is created (and disposed) here.</param>
    /// <param name="logger">Logs schema creation and reuse. Default: none.</param>
    /// <exception cref="ArgumentException">The options are invalid (the message says which one and why).</exception>
    public TravelDeskDatabase(
        TravelDeskDatabaseOptions options,
        TimeProvider? timeProvider = null,
        IMeterFactory? meterFactory = null,
        ILogger<TravelDeskDatabase>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (TravelDeskDatabaseOptionsValidator.Validate(options) is { } error)
        {
            throw new ArgumentException(error, nameof(options));
        }

        Provider = options.Provider;
        SeedSize = options.SeedSize ?? TravelDeskDatabaseOptions.DefaultSeedSize;
        TimeProvider = timeProvider ?? TimeProvider.System;
        Logger = (ILogger?)logger ?? NullLogger.Instance;
        (Dialect, _connections) = options.Provider switch
        {
            DatabaseProvider.Postgres => ((ISqlDialect)PostgresDialect.Instance,
                (IConnectionSource)new PostgresConnectionSource(options.ConnectionString)),
            _ => (SqliteDialect.Instance, new SqliteConnectionSource(options.ConnectionString, options.SqliteBusyTimeout)),
        };
        _metrics = new DatabaseMetrics(meterFactory);
    }

    /// <summary>The engine this instance talks to.</summary>
    public DatabaseProvider Provider { get; }

    /// <summary>The number of trip templates a new database is seeded with (<see cref="TravelDeskDatabaseOptions.SeedSize"/> or its default).</summary>
    public int SeedSize { get; }

    /// <summary>The clock queries use for "today" and writes use for timestamps.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>
    /// The number of SQL statements the query classes have executed through this instance (one per statement, failed
    /// ones included). Schema creation and seeding are not counted: they are one-off and would drown the comparison
    /// between cached and uncached traffic.
    /// </summary>
    public long QueryCount => Interlocked.Read(ref _queryCount);

    internal ISqlDialect Dialect { get; }

    internal IConnectionSource Connections => _connections;

    internal ILogger Logger { get; }

    /// <summary>
    /// Creates the schema if it is missing and seeds it if it is empty, in one transaction. Idempotent and safe when
    /// several processes start at once against the same database: the loser of the race waits for the winner's
    /// transaction and then finds the data there.
    /// </summary>
    /// <returns><see langword="true"/> when this call created the data; <see langword="false"/> when it was already there.</returns>
    /// <exception cref="InvalidOperationException">The database holds a different schema version.</exception>
    public Task<bool> EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return SchemaInitializer.EnsureCreatedAsync(this, cancellationToken);
    }

    /// <summary>
    /// Opens a connection configured for this database (on SQLite: busy timeout and foreign keys set). The caller owns
    /// it and disposes it, which returns it to the pool. Statements run on it are not counted.
    /// </summary>
    public ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return _connections.OpenAsync(cancellationToken);
    }

    /// <summary>Closes pooled connections and releases the meter (when it was created here).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _connections.DisposeAsync().ConfigureAwait(false);
        _metrics.Dispose();
    }

    /// <inheritdoc cref="DisposeAsync"/>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    internal void RecordQuery(string operation)
    {
        Interlocked.Increment(ref _queryCount);
        _metrics.RecordQuery(operation);
    }
}

using System.Data.Common;

namespace TravelDesk.Data.Connections;

/// <summary>Opens connections for one engine and starts the kind of transaction a writer needs there.</summary>
internal interface IConnectionSource : IAsyncDisposable
{
    ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>A transaction that is allowed to write, taking the engine's write lock up front where that avoids deadlocks.</summary>
    ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);
}

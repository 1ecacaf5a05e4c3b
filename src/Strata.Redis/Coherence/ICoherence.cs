namespace Strata.Redis.Coherence;

/// <summary>One way of hearing other nodes' changes (and of telling them ours, where the server does not).</summary>
internal interface ICoherence : IAsyncDisposable
{
    RedisCoherence Mode { get; }

    /// <summary>Whether this node's writes must be announced by <see cref="AnnounceAsync"/> (the server does not).</summary>
    bool AnnouncesWrites { get; }

    /// <summary>Starts hearing changes; completes once nothing written after it can be missed.</summary>
    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>Tells other nodes that this node changed <paramref name="keys"/>.</summary>
    ValueTask AnnounceAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken);
}

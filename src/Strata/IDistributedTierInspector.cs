namespace Strata;

/// <summary>
/// Optional introspection an <see cref="IDistributedTier"/> can offer the admin API: server facts and a bounded,
/// incremental key listing (never a blocking full scan).
/// </summary>
public interface IDistributedTierInspector
{
    /// <summary>Facts about the server, such as version, memory and connected clients, by name.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    ValueTask<IReadOnlyDictionary<string, string>> GetServerInfoAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Up to <paramref name="limit"/> keys starting with <paramref name="prefix"/> whose remainder matches the glob
    /// <paramref name="match"/> (null: any), each with its remaining time to live (null: no expiry), examining at
    /// most <paramref name="scanBudget"/> keys; <see cref="DistributedKeySample.Complete"/> says whether the whole
    /// key space was covered.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> or <paramref name="scanBudget"/> is not positive.</exception>
    ValueTask<DistributedKeySample> SampleKeysAsync(string prefix, string? match, int limit, int scanBudget, CancellationToken cancellationToken = default);
}

using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Caching.Hybrid;

namespace Strata;

/// <summary>
/// A tiered cache (L1 memory + optional L2 distributed tier) that is a <see cref="HybridCache"/> — code written
/// against Microsoft's API works unchanged — plus reads without a factory, batches, namespaces, named policies and
/// per-entry resilience options (fail-safe, stale-while-revalidate, early refresh, factory timeouts).
/// Each instance is bound to one namespace; <see cref="Namespace(string)"/> gives the others, sharing the same tiers.
/// </summary>
public abstract class StrataCache : HybridCache
{
    /// <summary>The namespace this instance reads and writes: full keys are <c>{prefix}:{namespace}:{key}</c>.</summary>
    public abstract string NamespaceName { get; }

    /// <summary>The names of the configured policies.</summary>
    public abstract IReadOnlyCollection<string> PolicyNames { get; }

    /// <summary>The cache bound to namespace <paramref name="name"/> (letters, digits, <c>_ . -</c>; at most 64).</summary>
    [SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Justification = "cache.Namespace(\"flights\") reads as what it is; the clash is with a Visual Basic keyword only.")]
    public abstract StrataCache Namespace(string name);

    /// <summary>The entry options of a named policy (e.g. <c>FLIGHT_SEARCH</c>).</summary>
    /// <exception cref="KeyNotFoundException">No such policy; the message lists the known ones.</exception>
    public abstract StrataEntryOptions GetPolicy(string name);

    /// <summary>Gets the value for <paramref name="key"/>, creating it with <paramref name="factory"/> when needed,
    /// and says where it came from (fresh hit, stale, created) — for HTTP layers and diagnostics.</summary>
    public abstract ValueTask<CacheResult<T>> GetOrCreateEntryAsync<TState, T>(
        string key,
        TState state,
        Func<TState, CancellationToken, ValueTask<T>> factory,
        StrataEntryOptions? options = null,
        IEnumerable<string>? tags = null,
        CancellationToken cancellationToken = default);

    /// <summary>Gets the value for <paramref name="key"/>, creating it with <paramref name="factory"/> when needed.</summary>
    public async ValueTask<T> GetOrCreateAsync<TState, T>(
        string key,
        TState state,
        Func<TState, CancellationToken, ValueTask<T>> factory,
        StrataEntryOptions options,
        IEnumerable<string>? tags = null,
        CancellationToken cancellationToken = default) =>
        (await GetOrCreateEntryAsync(key, state, factory, options, tags, cancellationToken).ConfigureAwait(false)).Value;

    /// <summary>Gets the value for <paramref name="key"/>, creating it with <paramref name="factory"/> when needed.</summary>
    public ValueTask<T> GetOrCreateAsync<T>(
        string key,
        Func<CancellationToken, ValueTask<T>> factory,
        StrataEntryOptions options,
        IEnumerable<string>? tags = null,
        CancellationToken cancellationToken = default) =>
        GetOrCreateAsync(key, factory, static (f, ct) => f(ct), options, tags, cancellationToken);

    /// <summary>Gets the cached value without creating it: fresh, or stale within its revalidation window (flagged);
    /// null when neither tier has it.</summary>
    public abstract ValueTask<CacheResult<T>?> TryGetAsync<T>(string key, CancellationToken cancellationToken = default);

    /// <summary>Gets the cached values of many keys (one L2 round trip for the L1 misses); absent keys are omitted.</summary>
    public abstract ValueTask<IReadOnlyDictionary<string, T>> GetManyAsync<T>(IEnumerable<string> keys, CancellationToken cancellationToken = default);

    /// <summary>Gets many keys, loading every missing one with ONE call to <paramref name="factory"/> (which receives
    /// the missing keys), while keys another caller is already loading are joined, not loaded twice. Keys the factory
    /// does not return are omitted from the result and not cached.</summary>
    public abstract ValueTask<IReadOnlyDictionary<string, T>> GetOrCreateManyAsync<TState, T>(
        IEnumerable<string> keys,
        TState state,
        Func<TState, IReadOnlyList<string>, CancellationToken, ValueTask<IReadOnlyDictionary<string, T>>> factory,
        StrataEntryOptions? options = null,
        IEnumerable<string>? tags = null,
        CancellationToken cancellationToken = default);

    /// <summary>Writes a value (L1, then L2 awaited).</summary>
    public abstract ValueTask SetAsync<T>(
        string key,
        T value,
        StrataEntryOptions options,
        IEnumerable<string>? tags = null,
        CancellationToken cancellationToken = default);

    /// <summary>Writes many values (one pipelined L2 write). Every value is validated first: on bad input nothing is stored.</summary>
    public abstract ValueTask SetManyAsync<T>(
        IEnumerable<KeyValuePair<string, T>> items,
        StrataEntryOptions? options = null,
        IEnumerable<string>? tags = null,
        CancellationToken cancellationToken = default);

    /// <summary>Invalidates every entry of this namespace on every node in O(1), and purges its L2 keys in the background.</summary>
    public abstract ValueTask ClearAsync(CancellationToken cancellationToken = default);
}

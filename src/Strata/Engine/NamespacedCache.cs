using Microsoft.Extensions.Caching.Hybrid;

namespace Strata.Engine;

/// <summary>The public face of the engine, bound to one namespace.</summary>
internal sealed class NamespacedCache : StrataCache
{
    private readonly CacheEngine _engine;
    private readonly NamespaceState _ns;

    public NamespacedCache(CacheEngine engine, NamespaceState ns)
    {
        _engine = engine;
        _ns = ns;
    }

    public override string NamespaceName => _ns.Name;

    public override IReadOnlyCollection<string> PolicyNames => _engine.Policies.Names;

    internal CacheEngine Engine => _engine;

    public override StrataCache Namespace(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name == _ns.Name ? this : new NamespacedCache(_engine, _engine.GetNamespace(name));
    }

    public override StrataEntryOptions GetPolicy(string name) => _engine.Policies.Get(name);

    public override ValueTask<T> GetOrCreateAsync<TState, T>(
        string key,
        TState state,
        Func<TState, CancellationToken, ValueTask<T>> factory,
        HybridCacheEntryOptions? options = null,
        IEnumerable<string>? tags = null,
        CancellationToken cancellationToken = default) =>
        _engine.GetOrCreateValueAsync(_ns, key, state, factory, options, tags, cancellationToken);

    public override ValueTask<CacheResult<T>> GetOrCreateEntryAsync<TState, T>(
        string key,
        TState state,
        Func<TState, CancellationToken, ValueTask<T>> factory,
        StrataEntryOptions? options = null,
        IEnumerable<string>? tags = null,
        CancellationToken cancellationToken = default) =>
        _engine.GetOrCreateAsync(_ns, key, state, factory, options, null, tags, cancellationToken);

    public override ValueTask SetAsync<T>(string key, T value, HybridCacheEntryOptions? options = null, IEnumerable<string>? tags = null, CancellationToken cancellationToken = default) =>
        _engine.SetAsync(_ns, key, value, null, options, tags, cancellationToken);

    public override ValueTask SetAsync<T>(string key, T value, StrataEntryOptions options, IEnumerable<string>? tags = null, CancellationToken cancellationToken = default) =>
        _engine.SetAsync(_ns, key, value, options, null, tags, cancellationToken);

    public override ValueTask RemoveAsync(string key, CancellationToken cancellationToken = default) =>
        _engine.RemoveAsync(_ns, key, cancellationToken);

    public override ValueTask RemoveByTagAsync(string tag, CancellationToken cancellationToken = default) =>
        _engine.RemoveByTagAsync(tag, cancellationToken);

    public override ValueTask<CacheResult<T>?> TryGetAsync<T>(string key, CancellationToken cancellationToken = default) =>
        _engine.TryGetAsync<T>(_ns, key, null, cancellationToken);

    public override ValueTask<IReadOnlyDictionary<string, T>> GetManyAsync<T>(IEnumerable<string> keys, CancellationToken cancellationToken = default) =>
        _engine.GetManyAsync<T>(_ns, keys, null, cancellationToken);

    public override ValueTask<IReadOnlyDictionary<string, T>> GetOrCreateManyAsync<TState, T>(
        IEnumerable<string> keys,
        TState state,
        Func<TState, IReadOnlyList<string>, CancellationToken, ValueTask<IReadOnlyDictionary<string, T>>> factory,
        StrataEntryOptions? options = null,
        IEnumerable<string>? tags = null,
        CancellationToken cancellationToken = default) =>
        _engine.GetOrCreateManyAsync(_ns, keys, state, factory, options, tags, cancellationToken);

    public override ValueTask SetManyAsync<T>(IEnumerable<KeyValuePair<string, T>> items, StrataEntryOptions? options = null, IEnumerable<string>? tags = null, CancellationToken cancellationToken = default) =>
        _engine.SetManyAsync(_ns, items, options, tags, cancellationToken);

    public override ValueTask ClearAsync(CancellationToken cancellationToken = default) =>
        _engine.ClearAsync(_ns, cancellationToken);
}

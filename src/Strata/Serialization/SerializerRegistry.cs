using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Caching.Hybrid;

namespace Strata.Serialization;

/// <summary>
/// Finds the serializer for a type, as HybridCache defines it: a registered <see cref="IHybridCacheSerializer{T}"/>
/// first, then the registered factories (last registered first), then the built-ins (string and byte[] as raw bytes,
/// everything else System.Text.Json). Resolved once per type.
/// </summary>
internal sealed class SerializerRegistry
{
    private readonly ConcurrentDictionary<Type, object> _serializers = new();
    private readonly IServiceProvider? _services;
    private readonly IReadOnlyList<IHybridCacheSerializerFactory> _factories;
    private readonly JsonSerializerOptions _jsonOptions;

    /// <param name="services">Where typed <see cref="IHybridCacheSerializer{T}"/> registrations are looked up (optional).</param>
    /// <param name="factories">Serializer factories, in registration order.</param>
    /// <param name="jsonOptions">Options of the default System.Text.Json serializer.</param>
    public SerializerRegistry(IServiceProvider? services, IEnumerable<IHybridCacheSerializerFactory> factories, JsonSerializerOptions? jsonOptions)
    {
        _services = services;
        _factories = factories.Reverse().ToArray();
        _jsonOptions = jsonOptions ?? new JsonSerializerOptions(JsonSerializerDefaults.Web);
        _jsonOptions.MakeReadOnly(populateMissingResolver: true);
    }

    public IHybridCacheSerializer<T> Get<T>() =>
        (IHybridCacheSerializer<T>)_serializers.GetOrAdd(typeof(T), static (_, self) => self.Create<T>(), this);

    /// <summary>The serializer already resolved for <paramref name="type"/> (by <see cref="Get{T}"/>).</summary>
    public object GetResolved(Type type) =>
        _serializers.TryGetValue(type, out var serializer)
            ? serializer
            : throw new InvalidOperationException($"No serializer was resolved yet for {type}.");

    private IHybridCacheSerializer<T> Create<T>()
    {
        if (_services?.GetService(typeof(IHybridCacheSerializer<T>)) is IHybridCacheSerializer<T> registered)
        {
            return registered;
        }

        foreach (var factory in _factories)
        {
            if (factory.TryCreateSerializer<T>(out var serializer))
            {
                return serializer;
            }
        }

        if (typeof(T) == typeof(string))
        {
            return (IHybridCacheSerializer<T>)(object)new StringSerializer();
        }

        if (typeof(T) == typeof(byte[]))
        {
            return (IHybridCacheSerializer<T>)(object)new ByteArraySerializer();
        }

        return new JsonCacheSerializer<T>(_jsonOptions);
    }
}

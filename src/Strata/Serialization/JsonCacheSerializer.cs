using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Caching.Hybrid;

namespace Strata.Serialization;

/// <summary>System.Text.Json through the type info of the configured options, so source-generated contexts work.</summary>
internal sealed class JsonCacheSerializer<T> : IHybridCacheSerializer<T>
{
    private readonly JsonTypeInfo<T> _typeInfo;

    public JsonCacheSerializer(JsonSerializerOptions options)
    {
        _typeInfo = (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
    }

    public T Deserialize(ReadOnlySequence<byte> source)
    {
        var reader = new Utf8JsonReader(source);
        return JsonSerializer.Deserialize(ref reader, _typeInfo)!;
    }

    public void Serialize(T value, IBufferWriter<byte> target)
    {
        using var writer = new Utf8JsonWriter(target);
        JsonSerializer.Serialize(writer, value, _typeInfo);
    }
}

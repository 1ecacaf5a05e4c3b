using System.Buffers;
using Microsoft.Extensions.Caching.Hybrid;

namespace Strata.Serialization;

/// <summary>Byte arrays as themselves.</summary>
internal sealed class ByteArraySerializer : IHybridCacheSerializer<byte[]>
{
    public byte[] Deserialize(ReadOnlySequence<byte> source) => source.ToArray();

    public void Serialize(byte[] value, IBufferWriter<byte> target) => target.Write(value);
}

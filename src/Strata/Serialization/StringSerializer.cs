using System.Buffers;
using System.Text;
using Microsoft.Extensions.Caching.Hybrid;

namespace Strata.Serialization;

/// <summary>Strings as UTF-8, without JSON quoting.</summary>
internal sealed class StringSerializer : IHybridCacheSerializer<string>
{
    public string Deserialize(ReadOnlySequence<byte> source) => Encoding.UTF8.GetString(source);

    public void Serialize(string value, IBufferWriter<byte> target) => Encoding.UTF8.GetBytes(value, target);
}

using Strata.Envelopes;

namespace Strata.Redis.Compatibility;

/// <summary>
/// Translates between the engine's envelopes and plain serialized values (<see cref="RedisValueFormat.PlainJson"/>):
/// a write keeps only the payload, to expire when it stops being fresh; a read wraps the payload in an envelope that is
/// fresh for the key's remaining TTL, created "now" (nothing older is known), with no tags and an unknown serializer.
/// </summary>
internal static class PlainJsonFormat
{
    /// <summary>The payload to store and its TTL; false when the envelope does not decode or is no longer fresh.</summary>
    public static bool TryToPlain(ReadOnlyMemory<byte> envelope, DateTimeOffset now, out ReadOnlyMemory<byte> payload, out TimeSpan timeToLive)
    {
        payload = default;
        timeToLive = default;
        if (!EnvelopeCodec.TryDecode(envelope.ToArray(), out var decoded, out _))
        {
            return false;
        }

        payload = decoded.Payload;
        timeToLive = TimeSpan.FromTicks(decoded.FreshUntilTicks - now.UtcTicks);
        return timeToLive > TimeSpan.Zero;
    }

    /// <summary>An envelope around a plain value whose key expires in <paramref name="timeToLive"/> (null: no TTL, then
    /// <paramref name="freshWithoutTtl"/> applies).</summary>
    public static byte[] FromPlain(byte[] value, TimeSpan? timeToLive, TimeSpan freshWithoutTtl, DateTimeOffset now)
    {
        var freshUntil = now.UtcTicks + (timeToLive ?? freshWithoutTtl).Ticks;
        return EnvelopeCodec.Encode(
            new Envelope(
                CreatedStamp: now.UtcTicks,
                CreatedAtTicks: now.UtcTicks,
                FreshUntilTicks: freshUntil,
                StaleUntilTicks: freshUntil,
                FactoryDurationTicks: 0,
                SerializerId: EnvelopeCodec.ForeignSerializerId,
                ETag: EnvelopeCodec.ComputeETag(value),
                Tags: [],
                Payload: value),
            compressionThreshold: 0);
    }
}

using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Strata.Envelopes;

/// <summary>
/// The binary envelope every L2 value is stored in (version 1, little-endian):
/// <code>
/// 0   'S'  format marker
/// 1   1    version
/// 2   flags  bit 0: payload is Brotli-compressed
/// 3   0    reserved
/// 4   int64 created stamp (hybrid clock, compared with invalidation stamps)
/// 12  int64 created-at (UTC ticks)
/// 20  int64 fresh-until (UTC ticks)
/// 28  int64 stale-until (UTC ticks; the store's expiry)
/// 36  int64 last factory duration (ticks; XFetch's delta)
/// 44  uint32 serializer id (a stable hash of the serializer's name)
/// 48  16 bytes ETag (SHA-256 prefix of the uncompressed payload)
/// 64  uint16 tag count, then per tag: uint16 length + UTF-8 bytes
/// ..  int32 uncompressed payload length, int32 stored payload length, stored payload
/// </code>
/// Anything that does not match exactly (marker, version, lengths) is rejected, never guessed at.
/// </summary>
internal static class EnvelopeCodec
{
    public const byte Marker = (byte)'S';
    public const byte Version = 1;

    /// <summary>The serializer id of a value that was not written by Strata (no serializer is known for it).</summary>
    public const uint ForeignSerializerId = 0;
    private const int FixedHeaderLength = 64;
    private const int ETagLength = 16;
    private const byte CompressedFlag = 1;

    public static string ComputeETag(ReadOnlySpan<byte> payload)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(payload, hash);
        return Convert.ToHexStringLower(hash[..ETagLength]);
    }

    /// <summary>Encodes an envelope; compresses the payload when it is at least <paramref name="compressionThreshold"/>
    /// bytes (0 = never) and compression makes it smaller.</summary>
    public static byte[] Encode(in Envelope envelope, int compressionThreshold)
    {
        var payload = envelope.Payload.Span;
        byte[]? compressed = null;
        var compressedLength = 0;
        if (compressionThreshold > 0 && payload.Length >= compressionThreshold)
        {
            compressed = new byte[payload.Length];
            // Quality 1: L2 values are written on the request path; the fastest level already removes most JSON redundancy.
            if (!BrotliEncoder.TryCompress(payload, compressed, out compressedLength, quality: 1, window: 22) || compressedLength >= payload.Length)
            {
                compressed = null;
            }
        }

        var stored = compressed is null ? payload : compressed.AsSpan(0, compressedLength);
        var length = FixedHeaderLength + 2 + 8 + stored.Length;
        foreach (var tag in envelope.Tags)
        {
            length += 2 + Encoding.UTF8.GetByteCount(tag);
        }

        var buffer = new byte[length];
        var span = buffer.AsSpan();
        span[0] = Marker;
        span[1] = Version;
        span[2] = compressed is null ? (byte)0 : CompressedFlag;
        span[3] = 0;
        BinaryPrimitives.WriteInt64LittleEndian(span[4..], envelope.CreatedStamp);
        BinaryPrimitives.WriteInt64LittleEndian(span[12..], envelope.CreatedAtTicks);
        BinaryPrimitives.WriteInt64LittleEndian(span[20..], envelope.FreshUntilTicks);
        BinaryPrimitives.WriteInt64LittleEndian(span[28..], envelope.StaleUntilTicks);
        BinaryPrimitives.WriteInt64LittleEndian(span[36..], envelope.FactoryDurationTicks);
        BinaryPrimitives.WriteUInt32LittleEndian(span[44..], envelope.SerializerId);
        if (Convert.FromHexString(envelope.ETag, span.Slice(48, ETagLength), out _, out var etagWritten) != System.Buffers.OperationStatus.Done || etagWritten != ETagLength)
        {
            throw new ArgumentException("The ETag must be 32 hex characters.", nameof(envelope));
        }

        var position = FixedHeaderLength;
        BinaryPrimitives.WriteUInt16LittleEndian(span[position..], checked((ushort)envelope.Tags.Length));
        position += 2;
        foreach (var tag in envelope.Tags)
        {
            var written = Encoding.UTF8.GetBytes(tag, span[(position + 2)..]);
            BinaryPrimitives.WriteUInt16LittleEndian(span[position..], checked((ushort)written));
            position += 2 + written;
        }

        BinaryPrimitives.WriteInt32LittleEndian(span[position..], payload.Length);
        BinaryPrimitives.WriteInt32LittleEndian(span[(position + 4)..], stored.Length);
        position += 8;
        stored.CopyTo(span[position..]);
        return buffer;
    }

    /// <summary>Decodes an envelope; false (with the reason) for anything malformed or of another version.</summary>
    public static bool TryDecode(byte[] data, out Envelope envelope, out string? error)
    {
        envelope = default;
        var span = data.AsSpan();
        if (span.Length < FixedHeaderLength + 2 + 8)
        {
            error = $"envelope too short ({span.Length} bytes)";
            return false;
        }

        if (span[0] != Marker)
        {
            error = "not a Strata envelope (bad marker)";
            return false;
        }

        if (span[1] != Version)
        {
            error = $"envelope version {span[1]} is not supported (expected {Version})";
            return false;
        }

        var flags = span[2];
        if ((flags & ~CompressedFlag) != 0 || span[3] != 0)
        {
            error = $"unknown envelope flags 0x{flags:x2}";
            return false;
        }

        var position = FixedHeaderLength;
        int tagCount = BinaryPrimitives.ReadUInt16LittleEndian(span[position..]);
        position += 2;
        var tags = tagCount == 0 ? [] : new string[tagCount];
        for (var i = 0; i < tagCount; i++)
        {
            if (span.Length - position < 2)
            {
                error = "envelope truncated in its tags";
                return false;
            }

            int tagLength = BinaryPrimitives.ReadUInt16LittleEndian(span[position..]);
            position += 2;
            if (span.Length - position < tagLength)
            {
                error = "envelope truncated in its tags";
                return false;
            }

            tags[i] = Encoding.UTF8.GetString(span.Slice(position, tagLength));
            position += tagLength;
        }

        if (span.Length - position < 8)
        {
            error = "envelope truncated before its payload";
            return false;
        }

        var payloadLength = BinaryPrimitives.ReadInt32LittleEndian(span[position..]);
        var storedLength = BinaryPrimitives.ReadInt32LittleEndian(span[(position + 4)..]);
        position += 8;
        if (payloadLength < 0 || storedLength < 0 || span.Length - position != storedLength)
        {
            error = $"envelope payload length {storedLength} does not match the {span.Length - position} bytes present";
            return false;
        }

        ReadOnlyMemory<byte> payload;
        if ((flags & CompressedFlag) != 0)
        {
            var decompressed = new byte[payloadLength];
            if (!BrotliDecoder.TryDecompress(span.Slice(position, storedLength), decompressed, out var written) || written != payloadLength)
            {
                error = "envelope payload does not decompress to its declared length";
                return false;
            }

            payload = decompressed;
        }
        else
        {
            if (storedLength != payloadLength)
            {
                error = "uncompressed envelope payload has two different lengths";
                return false;
            }

            payload = data.AsMemory(position, storedLength);
        }

        envelope = new Envelope(
            CreatedStamp: BinaryPrimitives.ReadInt64LittleEndian(span[4..]),
            CreatedAtTicks: BinaryPrimitives.ReadInt64LittleEndian(span[12..]),
            FreshUntilTicks: BinaryPrimitives.ReadInt64LittleEndian(span[20..]),
            StaleUntilTicks: BinaryPrimitives.ReadInt64LittleEndian(span[28..]),
            FactoryDurationTicks: BinaryPrimitives.ReadInt64LittleEndian(span[36..]),
            SerializerId: BinaryPrimitives.ReadUInt32LittleEndian(span[44..]),
            ETag: Convert.ToHexStringLower(span.Slice(48, ETagLength)),
            Tags: tags,
            Payload: payload);
        error = null;
        return true;
    }

    /// <summary>A stable id for a serializer (FNV-1a of its type's name), so a value written by another serializer is
    /// recognised as incompatible instead of mis-read.</summary>
    public static uint SerializerIdOf(object serializer)
    {
        var name = serializer.GetType().Name;
        var hash = 2166136261u;
        foreach (var c in name)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}

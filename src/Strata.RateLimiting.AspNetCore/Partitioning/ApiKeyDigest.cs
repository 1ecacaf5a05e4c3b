using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Strata.RateLimiting.AspNetCore.Partitioning;

/// <summary>Turns an API key into a partition key that does not reveal it.</summary>
internal static class ApiKeyDigest
{
    // Longer values are cut before hashing: nobody's API key is this long, and it bounds the work an attacker can ask for.
    private const int MaxKeyChars = 1024;

    public static string Key(string apiKey)
    {
        var value = apiKey.AsSpan().Trim();
        if (value.Length > MaxKeyChars)
        {
            value = value[..MaxKeyChars];
        }

        Span<byte> utf8 = stackalloc byte[MaxKeyChars * 3];
        var length = Encoding.UTF8.GetBytes(value, utf8);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8[..length], hash);
        // 128 bits are plenty to keep partitions apart; 22 base64url characters keep keys short.
        return "apikey:" + Base64Url.EncodeToString(hash[..16]);
    }
}

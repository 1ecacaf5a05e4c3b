using System.Net;
using System.Net.Sockets;

namespace Strata.RateLimiting.AspNetCore.Partitioning;

/// <summary>Formats a client address as a partition key.</summary>
internal static class ClientAddress
{
    public const string Unknown = "ip:unknown";

    public static string Key(IPAddress? address, int ipv6PrefixLength)
    {
        if (address is null)
        {
            return Unknown;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6 || ipv6PrefixLength >= 128)
        {
            return "ip:" + address;
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        var fullBytes = ipv6PrefixLength / 8;
        var remainingBits = ipv6PrefixLength % 8;
        if (remainingBits != 0)
        {
            bytes[fullBytes] &= (byte)(0xFF << (8 - remainingBits));
            fullBytes++;
        }

        bytes[fullBytes..].Clear();
        return "ip:" + new IPAddress(bytes) + "/" + ipv6PrefixLength.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}

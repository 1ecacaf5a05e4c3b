using System.Net;
using System.Net.Sockets;

namespace Strata.Testing;

/// <summary>Picks a loopback TCP port that is free right now.</summary>
public static class PortAllocator
{
    private const int LowestPort = 10000;

    // Ports are taken from BELOW the kernel's ephemeral range rather than from a bind to port 0. While a killed
    // server is down, a reconnecting client's outgoing socket is given an ephemeral local port; if that happens to
    // be the server's port, the restart cannot bind it (and a loopback connect can even connect to itself via TCP
    // simultaneous open). Ports outside the ephemeral range are never handed out that way.
    public static int Next()
    {
        var (ephemeralLow, _) = ReadEphemeralRange();
        var highest = ephemeralLow - 1;
        if (highest - LowestPort >= 1000)
        {
            for (var attempt = 0; attempt < 50; attempt++)
            {
                var candidate = Random.Shared.Next(LowestPort, highest + 1);
                if (IsFree(candidate))
                {
                    return candidate;
                }
            }
        }

        return FromKernel();
    }

    /// <summary>Whether nothing listens on <paramref name="port"/> on loopback right now.</summary>
    internal static bool IsFree(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        try
        {
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        finally
        {
            listener.Stop();
        }
    }

    private static int FromKernel()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    /// <summary>The kernel's ephemeral port range (client sockets take ports from it), or Linux's default.</summary>
    internal static (int Low, int High) ReadEphemeralRange()
    {
        const string RangeFile = "/proc/sys/net/ipv4/ip_local_port_range";
        try
        {
            if (File.Exists(RangeFile))
            {
                var parts = File.ReadAllText(RangeFile).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length == 2 && int.TryParse(parts[0], out var low) && int.TryParse(parts[1], out var high))
                {
                    return (low, high);
                }
            }
        }
        catch (IOException)
        {
            // Fall through to the Linux default.
        }

        return (32768, 60999);
    }
}

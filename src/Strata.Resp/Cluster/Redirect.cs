using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Strata.Resp.Cluster;

/// <summary>A <c>MOVED slot host:port</c> or <c>ASK slot host:port</c> error reply, parsed.</summary>
internal readonly record struct Redirect(bool IsAsk, int Slot, string Host, int Port)
{
    /// <summary>
    /// Parses the error text. An empty host (<c>MOVED 1 :6380</c>, sent when the node's endpoint is unknown)
    /// means the host of the node that answered, <paramref name="replyingHost"/>.
    /// </summary>
    public static bool TryParse(string? error, string replyingHost, [NotNullWhen(true)] out Redirect? redirect)
    {
        redirect = null;
        if (error is null)
        {
            return false;
        }

        bool ask;
        ReadOnlySpan<char> rest;
        if (error.StartsWith("MOVED ", StringComparison.Ordinal))
        {
            ask = false;
            rest = error.AsSpan(6);
        }
        else if (error.StartsWith("ASK ", StringComparison.Ordinal))
        {
            ask = true;
            rest = error.AsSpan(4);
        }
        else
        {
            return false;
        }

        var space = rest.IndexOf(' ');
        if (space <= 0
            || !int.TryParse(rest[..space], NumberStyles.None, CultureInfo.InvariantCulture, out var slot)
            || slot >= HashSlot.SlotCount)
        {
            return false;
        }

        var address = rest[(space + 1)..].Trim();
        var colon = address.LastIndexOf(':');
        if (colon < 0
            || !int.TryParse(address[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port is < 1 or > 65535)
        {
            return false;
        }

        var host = address[..colon].Trim('[').Trim(']');
        redirect = new Redirect(ask, slot, host.IsEmpty || host is "?" ? replyingHost : host.ToString(), port);
        return true;
    }
}

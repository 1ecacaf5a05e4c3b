using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;

namespace Strata.Testing;

/// <summary>
/// The readiness check: a raw connection that (optionally) authenticates and sends PING, independent of the client
/// under test so a bug there cannot make the fixture lie.
/// </summary>
internal static class RespProbe
{
    /// <summary>Returns <see langword="null"/> when the server answered <c>+PONG</c>, otherwise why not.</summary>
    public static async Task<string?> PingAsync(
        int port, bool tls, string? user, string? password, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(IPAddress.Loopback, port, timeoutSource.Token).ConfigureAwait(false);
            Stream stream = new NetworkStream(socket, ownsSocket: false);
            await using (stream.ConfigureAwait(false))
            {
                if (tls)
                {
                    var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                    stream = ssl;
                    await ssl.AuthenticateAsClientAsync(
                        TestCertificates.Shared.CreateClientAuthenticationOptions(), timeoutSource.Token).ConfigureAwait(false);
                }

                var request = new StringBuilder();
                var replies = 1;
                if (password is not null)
                {
                    AppendCommand(request, user is null ? ["AUTH", password] : ["AUTH", user, password]);
                    replies++;
                }

                AppendCommand(request, ["PING"]);
                await stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()), timeoutSource.Token).ConfigureAwait(false);

                var lines = await ReadLinesAsync(stream, replies, timeoutSource.Token).ConfigureAwait(false);
                if (password is not null && lines[0] != "+OK")
                {
                    return $"AUTH answered '{lines[0]}'";
                }

                return lines[^1] == "+PONG" ? null : $"PING answered '{lines[^1]}'";
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"no answer within {timeout.TotalMilliseconds:0} ms";
        }
        catch (Exception ex) when (ex is SocketException or IOException or AuthenticationException)
        {
            return $"{ex.GetType().Name}: {ex.Message}";
        }
    }

    private static void AppendCommand(StringBuilder builder, string[] parts)
    {
        // RESP arrays rather than inline commands, so passwords with spaces or quotes go through untouched.
        builder.Append('*').Append(parts.Length).Append("\r\n");
        foreach (var part in parts)
        {
            builder.Append('$').Append(Encoding.UTF8.GetByteCount(part)).Append("\r\n").Append(part).Append("\r\n");
        }
    }

    // Every reply the probe can get (+OK, +PONG, -ERR ...) is a single line.
    private static async Task<string[]> ReadLinesAsync(Stream stream, int count, CancellationToken cancellationToken)
    {
        var received = new List<byte>();
        var buffer = new byte[256];
        var lines = new List<string>();
        while (lines.Count < count)
        {
            var read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new IOException("The server closed the connection.");
            }

            received.AddRange(buffer.AsSpan(0, read));
            int end;
            while (lines.Count < count && (end = IndexOfCrLf(received)) >= 0)
            {
                lines.Add(Encoding.UTF8.GetString(received.GetRange(0, end).ToArray()));
                received.RemoveRange(0, end + 2);
            }
        }

        return [.. lines];
    }

    private static int IndexOfCrLf(List<byte> bytes)
    {
        for (var i = 0; i + 1 < bytes.Count; i++)
        {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n')
            {
                return i;
            }
        }

        return -1;
    }
}

using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace Strata.Testing.Tests;

/// <summary>
/// A deliberately dumb RESP connection: sends commands as arrays, reads one reply line. Enough to check the fixture
/// without depending on the real client.
/// </summary>
internal sealed class RawRespConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly List<byte> _buffer = [];

    private RawRespConnection(Socket socket, Stream stream)
    {
        _socket = socket;
        _stream = stream;
    }

    public static async Task<RawRespConnection> ConnectAsync(
        int port, SslClientAuthenticationOptions? tls = null, CancellationToken cancellationToken = default)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
            Stream stream = new NetworkStream(socket, ownsSocket: false);
            if (tls is not null)
            {
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                await ssl.AuthenticateAsClientAsync(tls, cancellationToken);
                stream = ssl;
            }

            return new RawRespConnection(socket, stream);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public async Task SendAsync(params string[] parts)
    {
        var request = new StringBuilder().Append('*').Append(parts.Length).Append("\r\n");
        foreach (var part in parts)
        {
            request.Append('$').Append(Encoding.UTF8.GetByteCount(part)).Append("\r\n").Append(part).Append("\r\n");
        }

        await _stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()));
    }

    /// <summary>The next line of the reply stream, without CRLF (for simple replies: the whole reply).</summary>
    public async Task<string> ReadLineAsync()
    {
        var chunk = new byte[1024];
        while (true)
        {
            for (var i = 0; i + 1 < _buffer.Count; i++)
            {
                if (_buffer[i] == '\r' && _buffer[i + 1] == '\n')
                {
                    var line = Encoding.UTF8.GetString([.. _buffer.GetRange(0, i)]);
                    _buffer.RemoveRange(0, i + 2);
                    return line;
                }
            }

            var read = await _stream.ReadAsync(chunk);
            if (read == 0)
            {
                throw new IOException("Connection closed by the server.");
            }

            _buffer.AddRange(chunk.AsSpan(0, read));
        }
    }

    public async Task<string> CommandAsync(params string[] parts)
    {
        await SendAsync(parts);
        return await ReadLineAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _socket.Dispose();
    }
}

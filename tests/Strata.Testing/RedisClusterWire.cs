using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Strata.Testing;

/// <summary>
/// One RESP2 command over a fresh loopback connection, with a timeout, for the cluster fixture's own polling (health,
/// roles, resharding). Independent of the client under test, and much cheaper than a redis-cli process per probe.
/// Replies: simple strings and bulk strings as <see cref="string"/> (UTF-8), integers as <see cref="long"/>, arrays as
/// <c>object?[]</c>, nil as <see langword="null"/>; an error reply throws <see cref="RedisServerException"/>.
/// </summary>
internal static class RedisClusterWire
{
    public static async Task<object?> CommandAsync(int port, TimeSpan timeout, CancellationToken cancellationToken, params string[] args)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(IPAddress.Loopback, port, timeoutSource.Token).ConfigureAwait(false);
            var stream = new NetworkStream(socket, ownsSocket: false);
            await using (stream.ConfigureAwait(false))
            {
                var request = new StringBuilder().Append('*').Append(args.Length).Append("\r\n");
                foreach (var arg in args)
                {
                    request.Append('$').Append(Encoding.UTF8.GetByteCount(arg)).Append("\r\n").Append(arg).Append("\r\n");
                }

                await stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()), timeoutSource.Token).ConfigureAwait(false);
                var reader = new Reader(stream);
                return await reader.ReadAsync(timeoutSource.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"127.0.0.1:{port} did not answer {args.FirstOrDefault()} within {timeout.TotalSeconds:0.#} s.");
        }
    }

    /// <summary>Like <see cref="CommandAsync"/> for a command whose reply is text (INFO, CLUSTER NODES, OK).</summary>
    public static async Task<string> TextAsync(int port, TimeSpan timeout, CancellationToken cancellationToken, params string[] args) =>
        Convert.ToString(await CommandAsync(port, timeout, cancellationToken, args).ConfigureAwait(false), CultureInfo.InvariantCulture)
        ?? string.Empty;

    private sealed class Reader(Stream stream)
    {
        private readonly byte[] _buffer = new byte[16 * 1024];
        private int _start;
        private int _end;

        public async Task<object?> ReadAsync(CancellationToken cancellationToken)
        {
            var line = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
            var payload = line[1..];
            switch (line[0])
            {
                case '+':
                    return payload;
                case '-':
                    throw new RedisServerException(payload);
                case ':':
                    return long.Parse(payload, CultureInfo.InvariantCulture);
                case '$':
                    var length = int.Parse(payload, CultureInfo.InvariantCulture);
                    if (length < 0)
                    {
                        return null;
                    }

                    var bytes = await ReadExactAsync(length + 2, cancellationToken).ConfigureAwait(false);
                    return Encoding.UTF8.GetString(bytes, 0, length);
                case '*':
                    var count = int.Parse(payload, CultureInfo.InvariantCulture);
                    if (count < 0)
                    {
                        return null;
                    }

                    var items = new object?[count];
                    for (var i = 0; i < count; i++)
                    {
                        items[i] = await ReadAsync(cancellationToken).ConfigureAwait(false);
                    }

                    return items;
                default:
                    throw new RedisServerException($"Unexpected RESP reply: {line}");
            }
        }

        private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                var index = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
                if (index > _start && _buffer[index - 1] == '\r')
                {
                    var line = Encoding.UTF8.GetString(_buffer, _start, index - 1 - _start);
                    _start = index + 1;
                    return line;
                }

                await FillAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        private async Task<byte[]> ReadExactAsync(int count, CancellationToken cancellationToken)
        {
            var result = new byte[count];
            var copied = 0;
            while (copied < count)
            {
                if (_start == _end)
                {
                    await FillAsync(cancellationToken).ConfigureAwait(false);
                }

                var take = Math.Min(count - copied, _end - _start);
                Array.Copy(_buffer, _start, result, copied, take);
                _start += take;
                copied += take;
            }

            return result;
        }

        private async Task FillAsync(CancellationToken cancellationToken)
        {
            if (_start > 0)
            {
                Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            if (_end == _buffer.Length)
            {
                throw new RedisServerException("A RESP line longer than the read buffer.");
            }

            var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new IOException("The node closed the connection.");
            }

            _end += read;
        }
    }
}

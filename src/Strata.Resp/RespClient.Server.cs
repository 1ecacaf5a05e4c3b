using Strata.Resp.Commands;
using Strata.Resp.Replies;

namespace Strata.Resp;

public sealed partial class RespClient
{
    /// <summary><c>PING</c>; returns the round-trip time.</summary>
    public async ValueTask<TimeSpan> PingAsync(CancellationToken cancellationToken = default)
    {
        var start = _time.GetTimestamp();
        await SendAsync<PingCommand, bool, PongParser>(default, cancellationToken).ConfigureAwait(false);
        return _time.GetElapsedTime(start);
    }

    /// <summary><c>INFO [section]</c>: the server's report as text.</summary>
    public async ValueTask<string> InfoAsync(string? section = null, CancellationToken cancellationToken = default)
    {
        RespArgument[] arguments = section is null ? [] : [section];
        return await SendAsync<ArgumentsCommand, string?, StringParser>(new ArgumentsCommand(CommandName.Info.Text, arguments), cancellationToken).ConfigureAwait(false) ?? "";
    }

    /// <summary><c>TIME</c>: the server's clock, to microseconds (the clock rate limiters must agree on).</summary>
    public ValueTask<DateTimeOffset> TimeAsync(CancellationToken cancellationToken = default) =>
        SendAsync<ArgumentsCommand, DateTimeOffset, TimeParser>(new ArgumentsCommand(CommandName.Time.Text, Array.Empty<RespArgument>()), cancellationToken);
}

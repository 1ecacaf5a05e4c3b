using System.Text;

namespace Strata.Resp.PubSub;

/// <summary>A message published on a channel this client subscribed to (directly or by pattern).</summary>
public sealed class RespMessage
{
    internal RespMessage(string channel, string? pattern, byte[] payload)
    {
        Channel = channel;
        Pattern = pattern;
        Payload = payload;
    }

    /// <summary>The channel it was published on.</summary>
    public string Channel { get; }

    /// <summary>The pattern that matched, for pattern subscriptions; otherwise <c>null</c>.</summary>
    public string? Pattern { get; }

    /// <summary>The message bytes.</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    /// <summary>The message as UTF-8 text.</summary>
    public string PayloadText => Encoding.UTF8.GetString(Payload.Span);
}

namespace Strata.Resp.Replies;

/// <summary>What the server says about itself in the handshake.</summary>
internal sealed class HelloReply
{
    public int Protocol { get; set; }

    public long ClientId { get; set; }

    public string? Version { get; set; }

    public string? Mode { get; set; }

    public string? Role { get; set; }
}

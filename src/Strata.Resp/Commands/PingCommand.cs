using Strata.Resp.Protocol;

namespace Strata.Resp.Commands;

/// <summary><c>PING</c>.</summary>
internal readonly struct PingCommand : IRespCommand
{
    public string Name => CommandName.Ping.Text;

    public bool IsReadOnly => false;

    public void Write(ref RespWriter writer)
    {
        writer.WriteArrayHeader(1);
        writer.WriteBulk(CommandName.Ping.Bytes);
    }

    public int GetSlot() => IRespCommand.KeylessSlot;
}

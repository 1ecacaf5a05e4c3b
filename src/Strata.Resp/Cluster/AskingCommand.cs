using Strata.Resp.Commands;
using Strata.Resp.Protocol;

namespace Strata.Resp.Cluster;

/// <summary><c>ASKING</c>: lets the next command run on a node importing its slot.</summary>
internal readonly struct AskingCommand : IRespCommand
{
    public string Name => "ASKING";

    public bool IsReadOnly => false;

    public void Write(ref RespWriter writer)
    {
        writer.WriteArrayHeader(1);
        writer.WriteBulk("ASKING"u8);
    }

    public int GetSlot() => IRespCommand.KeylessSlot;
}

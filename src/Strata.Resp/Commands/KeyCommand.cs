using Strata.Resp.Cluster;
using Strata.Resp.Protocol;

namespace Strata.Resp.Commands;

/// <summary>A command with one key and optionally one integer argument: GET, PTTL, INCR, INCRBY, PEXPIRE.</summary>
internal readonly struct KeyCommand(CommandName name, string key, long? argument = null) : IRespCommand
{
    public string Name => name.Text;

    public bool IsReadOnly => name.IsReadOnly;

    public void Write(ref RespWriter writer)
    {
        writer.WriteArrayHeader(argument.HasValue ? 3 : 2);
        writer.WriteBulk(name.Bytes);
        writer.WriteBulk(key);
        if (argument.HasValue)
        {
            writer.WriteBulk(argument.GetValueOrDefault());
        }
    }

    public int GetSlot() => HashSlot.Of(key);
}

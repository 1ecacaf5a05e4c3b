using Strata.Resp.Protocol;

namespace Strata.Resp.Commands;

/// <summary><c>MSET key value [key value ...]</c>.</summary>
internal readonly struct MSetCommand(ReadOnlyMemory<KeyValuePair<string, ReadOnlyMemory<byte>>> pairs) : IRespCommand
{
    public string Name => CommandName.MSet.Text;

    public bool IsReadOnly => false;

    public void Write(ref RespWriter writer)
    {
        writer.WriteArrayHeader((pairs.Length * 2) + 1);
        writer.WriteBulk(CommandName.MSet.Bytes);
        foreach (var pair in pairs.Span)
        {
            writer.WriteBulk(pair.Key);
            writer.WriteBulk(pair.Value.Span);
        }
    }

    public int GetSlot()
    {
        var keys = new string[pairs.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = pairs.Span[i].Key;
        }

        return KeysCommand.SlotOf(keys);
    }
}

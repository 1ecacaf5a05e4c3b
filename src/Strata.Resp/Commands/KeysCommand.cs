using Strata.Resp.Cluster;
using Strata.Resp.Protocol;

namespace Strata.Resp.Commands;

/// <summary>A command whose arguments are all keys: MGET, DEL, UNLINK, EXISTS.</summary>
internal readonly struct KeysCommand(CommandName name, ReadOnlyMemory<string> keys) : IRespCommand
{
    public string Name => name.Text;

    public bool IsReadOnly => name.IsReadOnly;

    public void Write(ref RespWriter writer)
    {
        writer.WriteArrayHeader(keys.Length + 1);
        writer.WriteBulk(name.Bytes);
        foreach (var key in keys.Span)
        {
            writer.WriteBulk(key);
        }
    }

    public int GetSlot() => SlotOf(keys.Span);

    /// <summary>The common slot of <paramref name="keys"/>, or <see cref="IRespCommand.CrossSlot"/>.</summary>
    public static int SlotOf(ReadOnlySpan<string> keys)
    {
        var slot = IRespCommand.KeylessSlot;
        foreach (var key in keys)
        {
            var keySlot = HashSlot.Of(key);
            if (slot != IRespCommand.KeylessSlot && keySlot != slot)
            {
                return IRespCommand.CrossSlot;
            }

            slot = keySlot;
        }

        return slot;
    }
}

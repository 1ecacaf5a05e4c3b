using Strata.Resp.Cluster;
using Strata.Resp.Protocol;

namespace Strata.Resp.Commands;

/// <summary><c>SET key value [NX|XX] [GET] [PX ms]</c> with the value as bytes or text.</summary>
internal readonly struct SetCommand(string key, ReadOnlyMemory<byte> bytes, string? text, TimeSpan? expiry, RespSetCondition condition, bool returnOldValue) : IRespCommand
{
    public string Name => CommandName.Set.Text;

    public bool IsReadOnly => false;

    public void Write(ref RespWriter writer)
    {
        var count = 3
            + (condition == RespSetCondition.Always ? 0 : 1)
            + (returnOldValue ? 1 : 0)
            + (expiry.HasValue ? 2 : 0);
        writer.WriteArrayHeader(count);
        writer.WriteBulk(CommandName.Set.Bytes);
        writer.WriteBulk(key);
        if (text is not null)
        {
            writer.WriteBulk(text);
        }
        else
        {
            writer.WriteBulk(bytes.Span);
        }

        if (condition == RespSetCondition.IfNotExists)
        {
            writer.WriteBulk("NX"u8);
        }
        else if (condition == RespSetCondition.IfExists)
        {
            writer.WriteBulk("XX"u8);
        }

        if (returnOldValue)
        {
            writer.WriteBulk("GET"u8);
        }

        if (expiry is { } px)
        {
            writer.WriteBulk("PX"u8);
            writer.WriteBulk((long)Math.Ceiling(px.TotalMilliseconds));
        }
    }

    public int GetSlot() => HashSlot.Of(key);
}

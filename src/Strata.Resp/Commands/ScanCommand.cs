using Strata.Resp.Protocol;

namespace Strata.Resp.Commands;

/// <summary><c>SCAN cursor [MATCH pattern] [COUNT n]</c>.</summary>
internal readonly struct ScanCommand(long cursor, string? pattern, int count) : IRespCommand
{
    public string Name => CommandName.Scan.Text;

    public bool IsReadOnly => false;

    public void Write(ref RespWriter writer)
    {
        writer.WriteArrayHeader(2 + (pattern is null ? 0 : 2) + (count > 0 ? 2 : 0));
        writer.WriteBulk(CommandName.Scan.Bytes);
        writer.WriteBulk(cursor);
        if (pattern is not null)
        {
            writer.WriteBulk("MATCH"u8);
            writer.WriteBulk(pattern);
        }

        if (count > 0)
        {
            writer.WriteBulk("COUNT"u8);
            writer.WriteBulk(count);
        }
    }

    public int GetSlot() => IRespCommand.KeylessSlot;
}

using Strata.Resp.Protocol;

namespace Strata.Resp.Commands;

/// <summary><c>PUBLISH channel message</c>.</summary>
internal readonly struct PublishCommand(string channel, ReadOnlyMemory<byte> bytes, string? text) : IRespCommand
{
    public string Name => CommandName.Publish.Text;

    public bool IsReadOnly => false;

    public void Write(ref RespWriter writer)
    {
        writer.WriteArrayHeader(3);
        writer.WriteBulk(CommandName.Publish.Bytes);
        writer.WriteBulk(channel);
        if (text is not null)
        {
            writer.WriteBulk(text);
        }
        else
        {
            writer.WriteBulk(bytes.Span);
        }
    }

    public int GetSlot() => IRespCommand.KeylessSlot;
}

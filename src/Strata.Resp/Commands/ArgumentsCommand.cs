using Strata.Resp.Protocol;

namespace Strata.Resp.Commands;

/// <summary>Any command as a name and arguments: the generic <c>ExecuteAsync</c>, and rare commands (HELLO, CLIENT, SCRIPT, INFO).</summary>
internal readonly struct ArgumentsCommand(string name, ReadOnlyMemory<RespArgument> arguments, int slot = IRespCommand.KeylessSlot) : IRespCommand
{
    public string Name => name;

    public bool IsReadOnly => false;

    public void Write(ref RespWriter writer)
    {
        writer.WriteArrayHeader(arguments.Length + 1);
        writer.WriteBulk(name);
        foreach (var argument in arguments.Span)
        {
            argument.Write(ref writer);
        }
    }

    public int GetSlot() => slot;
}

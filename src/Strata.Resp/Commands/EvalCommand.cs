using Strata.Resp.Protocol;

namespace Strata.Resp.Commands;

/// <summary><c>EVAL script numkeys key... arg...</c> or <c>EVALSHA sha1 numkeys key... arg...</c>.</summary>
internal readonly struct EvalCommand(CommandName name, string scriptOrSha, ReadOnlyMemory<string> keys, ReadOnlyMemory<RespArgument> arguments) : IRespCommand
{
    public string Name => name.Text;

    public bool IsReadOnly => false;

    public void Write(ref RespWriter writer)
    {
        writer.WriteArrayHeader(3 + keys.Length + arguments.Length);
        writer.WriteBulk(name.Bytes);
        writer.WriteBulk(scriptOrSha);
        writer.WriteBulk(keys.Length);
        foreach (var key in keys.Span)
        {
            writer.WriteBulk(key);
        }

        foreach (var argument in arguments.Span)
        {
            argument.Write(ref writer);
        }
    }

    public int GetSlot() => KeysCommand.SlotOf(keys.Span);
}

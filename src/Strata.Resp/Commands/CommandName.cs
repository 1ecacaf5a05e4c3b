using System.Text;

namespace Strata.Resp.Commands;

/// <summary>A command name kept both as text (metrics, messages) and as the bytes written on the wire.</summary>
internal sealed class CommandName
{
    public static readonly CommandName Get = new("GET", isReadOnly: true);
    public static readonly CommandName Set = new("SET");
    public static readonly CommandName MGet = new("MGET", isReadOnly: true);
    public static readonly CommandName MSet = new("MSET");
    public static readonly CommandName Del = new("DEL");
    public static readonly CommandName Unlink = new("UNLINK");
    public static readonly CommandName Exists = new("EXISTS", isReadOnly: true);
    public static readonly CommandName PExpire = new("PEXPIRE");
    public static readonly CommandName PTtl = new("PTTL", isReadOnly: true);
    public static readonly CommandName Incr = new("INCR");
    public static readonly CommandName IncrBy = new("INCRBY");
    public static readonly CommandName Scan = new("SCAN");
    public static readonly CommandName Info = new("INFO");
    public static readonly CommandName Ping = new("PING");
    public static readonly CommandName Time = new("TIME");
    public static readonly CommandName Publish = new("PUBLISH");
    public static readonly CommandName Eval = new("EVAL");
    public static readonly CommandName EvalSha = new("EVALSHA");
    public static readonly CommandName Script = new("SCRIPT");
    public static readonly CommandName Client = new("CLIENT");
    public static readonly CommandName Hello = new("HELLO");
    public static readonly CommandName Auth = new("AUTH");
    public static readonly CommandName Select = new("SELECT");
    public static readonly CommandName Subscribe = new("SUBSCRIBE");
    public static readonly CommandName Unsubscribe = new("UNSUBSCRIBE");
    public static readonly CommandName PSubscribe = new("PSUBSCRIBE");
    public static readonly CommandName PUnsubscribe = new("PUNSUBSCRIBE");

    private CommandName(string text, bool isReadOnly = false)
    {
        Text = text;
        IsReadOnly = isReadOnly;
        Bytes = Encoding.ASCII.GetBytes(text);
    }

    public string Text { get; }

    public byte[] Bytes { get; }

    /// <summary>
    /// Whether the command only reads keys, so a cluster client may send it to a replica
    /// (<see cref="RespReadFrom.PreferReplica"/>). Set on the name, not guessed from its text.
    /// </summary>
    public bool IsReadOnly { get; }
}

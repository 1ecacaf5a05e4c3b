using Strata.Resp.Protocol;

namespace Strata.Resp.Commands;

/// <summary>
/// A command as a value: it writes itself as RESP and knows its keys' slot, so a router can choose a
/// connection before anything is written. Implemented by small structs so sending one allocates nothing.
/// </summary>
internal interface IRespCommand
{
    /// <summary>The command name as reported in metrics, logs and timeout messages (<c>GET</c>, <c>SET</c>...).</summary>
    string Name { get; }

    /// <summary>Writes the whole command (array header and every argument).</summary>
    void Write(ref RespWriter writer);

    /// <summary>
    /// The cluster hash slot of the command's keys: <see cref="KeylessSlot"/> for keyless commands,
    /// <see cref="CrossSlot"/> when keys map to different slots.
    /// </summary>
    int GetSlot();

    /// <summary>
    /// Whether the command only reads its keys, so that with <see cref="RespReadFrom.PreferReplica"/> a replica
    /// of its slot may serve it. Scripts, writes and anything sent through <c>ExecuteAsync</c> answer false.
    /// </summary>
    bool IsReadOnly { get; }

    /// <summary>Slot value of a command with no key (any node can serve it).</summary>
    const int KeylessSlot = -1;

    /// <summary>Slot value of a multi-key command whose keys are in different slots.</summary>
    const int CrossSlot = -2;
}

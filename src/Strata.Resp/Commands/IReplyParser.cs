using Strata.Resp.Protocol;

namespace Strata.Resp.Commands;

/// <summary>
/// Turns a reply into a typed result. Static so a pending reply knows its parser by type, with no
/// delegate or instance to allocate.
/// </summary>
/// <typeparam name="T">The result type.</typeparam>
internal interface IReplyParser<T>
{
    /// <summary>
    /// Parses a reply whose first token the reader has just read (never an error: errors are handled
    /// before). Children of an aggregate follow in the reader. Throws <see cref="RespProtocolException"/>
    /// when the reply has a shape the command cannot produce.
    /// </summary>
    static abstract T Parse(ref RespReader reader);
}

namespace Strata.Resp;

/// <summary>
/// The server answered a command with an error reply (<c>-ERR ...</c>, <c>-WRONGTYPE ...</c>, <c>-NOSCRIPT ...</c>).
/// The connection is healthy; only this command failed.
/// </summary>
public sealed class RespServerException : RespException
{
    /// <summary>Creates the exception from the server's error text.</summary>
    public RespServerException(string message)
        : base(message)
    {
        var space = message.IndexOf(' ', StringComparison.Ordinal);
        ErrorCode = space > 0 ? message[..space] : message;
    }

    /// <summary>Creates the exception.</summary>
    public RespServerException()
        : this("ERR")
    {
    }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public RespServerException(string message, Exception innerException)
        : base(message, innerException)
    {
        var space = message.IndexOf(' ', StringComparison.Ordinal);
        ErrorCode = space > 0 ? message[..space] : message;
    }

    /// <summary>The first word of the error: <c>ERR</c>, <c>WRONGTYPE</c>, <c>NOSCRIPT</c>, <c>NOAUTH</c>, <c>MOVED</c>...</summary>
    public string ErrorCode { get; }
}

namespace Strata.Resp;

/// <summary>
/// The connection a command was sent on failed (closed by the server, a socket error, a protocol anomaly,
/// no answer within the unresponsive timeout), or no connection could be made. Whether the command ran
/// on the server is unknown.
/// </summary>
public sealed class RespConnectionException : RespException
{
    /// <summary>Creates the exception.</summary>
    public RespConnectionException()
        : base("The connection to the server failed.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public RespConnectionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public RespConnectionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

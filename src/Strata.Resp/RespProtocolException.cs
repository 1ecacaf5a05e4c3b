namespace Strata.Resp;

/// <summary>
/// The byte stream from the server is not valid RESP (a bad prefix, a bad length, a missing CRLF, an absurd size).
/// The connection that read it is torn down: after an anomaly no later reply can be trusted to match its request.
/// </summary>
public sealed class RespProtocolException : RespException
{
    /// <summary>Creates the exception with a message that says what was wrong and where.</summary>
    public RespProtocolException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public RespProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public RespProtocolException()
        : base("The server sent bytes that are not valid RESP.")
    {
    }
}

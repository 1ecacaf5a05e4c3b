namespace Strata.Resp;

/// <summary>
/// A command got no reply within its timeout. The connection stays up: the command keeps its place in the
/// reply queue and its reply, when it comes, is read and discarded, so later replies still match.
/// </summary>
public sealed class RespTimeoutException : RespException
{
    /// <summary>Creates the exception.</summary>
    public RespTimeoutException()
        : base("The command timed out.")
    {
    }

    /// <summary>Creates the exception with a message that says what timed out and the connection's state.</summary>
    public RespTimeoutException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public RespTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

namespace Strata.Resp;

/// <summary>The server refused the credentials (<c>WRONGPASS</c>, <c>NOAUTH</c>, <c>NOPERM</c> during the handshake).</summary>
public sealed class RespAuthenticationException : RespException
{
    /// <summary>Creates the exception.</summary>
    public RespAuthenticationException()
        : base("The server refused the credentials.")
    {
    }

    /// <summary>Creates the exception with the server's message.</summary>
    public RespAuthenticationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public RespAuthenticationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

namespace Strata.Resp;

/// <summary>The base of every exception Strata.Resp throws for a Redis-side or transport-side failure.</summary>
public class RespException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RespException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public RespException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public RespException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

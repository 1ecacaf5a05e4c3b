namespace TravelDesk.Data;

/// <summary>
/// A write would break a uniqueness rule (for example a second user with the same e-mail address); a web service
/// answers 409. <see cref="Field"/> names the conflicting input.
/// </summary>
public sealed class DataConflictException : Exception
{
    /// <summary>Creates the exception for <paramref name="field"/>.</summary>
    public DataConflictException(string field, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Field = field;
    }

    /// <summary>The name of the conflicting input.</summary>
    public string Field { get; }
}

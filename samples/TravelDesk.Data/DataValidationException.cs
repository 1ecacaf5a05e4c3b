namespace TravelDesk.Data;

/// <summary>
/// A value given to the data layer is out of range or malformed. <see cref="Field"/> names the offending input, so a web
/// service can answer 400 with a per-field error. Derives from <see cref="ArgumentException"/> so generic argument
/// handling still catches it.
/// </summary>
public sealed class DataValidationException : ArgumentException
{
    private readonly string _reason;

    /// <summary>Creates the exception for <paramref name="field"/>.</summary>
    /// <param name="field">The name of the invalid input, as the caller spelled it (for example <c>Limit</c>).</param>
    /// <param name="message">What is wrong, written for the person who sent the value.</param>
    public DataValidationException(string field, string message)
        : base(message, field)
    {
        Field = field;
        _reason = message;
    }

    /// <summary>The name of the invalid input.</summary>
    public string Field { get; }

    /// <summary>What is wrong, without <see cref="ArgumentException"/>'s "(Parameter ...)" suffix.</summary>
    public override string Message => _reason;
}

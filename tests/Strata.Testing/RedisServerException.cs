namespace Strata.Testing;

/// <summary>The test redis-server could not be started, reached or driven; the message carries its log tail.</summary>
public sealed class RedisServerException : Exception
{
    public RedisServerException()
    {
        LogTail = string.Empty;
    }

    public RedisServerException(string message)
        : base(message)
    {
        LogTail = string.Empty;
    }

    public RedisServerException(string message, Exception innerException)
        : base(message, innerException)
    {
        LogTail = string.Empty;
    }

    public RedisServerException(string message, string logTail, Exception? innerException = null)
        : base(string.IsNullOrEmpty(logTail) ? message : $"{message}{Environment.NewLine}--- server output (tail) ---{Environment.NewLine}{logTail}", innerException)
    {
        LogTail = logTail;
    }

    /// <summary>The last lines the server wrote, when there were any.</summary>
    public string LogTail { get; }
}

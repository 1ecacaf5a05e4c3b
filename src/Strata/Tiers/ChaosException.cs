namespace Strata.Tiers;

/// <summary>A failure injected by <see cref="ChaosDistributedTier"/>.</summary>
public sealed class ChaosException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ChaosException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ChaosException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public ChaosException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

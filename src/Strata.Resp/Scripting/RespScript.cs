using System.Security.Cryptography;
using System.Text;

namespace Strata.Resp.Scripting;

/// <summary>
/// A Lua script identified by its SHA1: sent with <c>EVALSHA</c>, and transparently re-sent with <c>EVAL</c>
/// when the server has lost it (<c>NOSCRIPT</c> after <c>SCRIPT FLUSH</c>, a restart or a failover).
/// </summary>
public sealed class RespScript
{
    /// <summary>Creates a script from its source.</summary>
    /// <exception cref="ArgumentException">The source is empty.</exception>
    public RespScript(string source)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        Source = source;
#pragma warning disable CA5350 // Redis names scripts by SHA1; this is an identifier, not security.
        Sha1 = Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(source)));
#pragma warning restore CA5350
    }

    /// <summary>The Lua source.</summary>
    public string Source { get; }

    /// <summary>The lowercase hex SHA1 of the source, as Redis names scripts.</summary>
    public string Sha1 { get; }
}

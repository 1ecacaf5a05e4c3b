namespace Strata.Resp.Tracking;

/// <summary>How to enable Redis client-side-caching invalidations (<c>CLIENT TRACKING ON ...</c>).</summary>
public sealed class RespTrackingOptions
{
    /// <summary>
    /// Broadcasting mode: be told of every change to keys under <see cref="Prefixes"/>, read by this client
    /// or not, with no per-key memory on the server. Default <c>true</c>.
    /// </summary>
    public bool Broadcast { get; set; } = true;

    /// <summary>The key prefixes to be told about in broadcasting mode; empty means every key. Default empty.</summary>
    public IList<string> Prefixes { get; } = [];

    /// <summary>Do not be told about this client's own writes (<c>NOLOOP</c>). Default <c>false</c>.</summary>
    public bool NoLoop { get; set; }
}

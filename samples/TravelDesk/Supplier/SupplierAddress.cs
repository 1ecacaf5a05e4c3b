namespace TravelDesk.Supplier;

/// <summary>
/// Where the supplier answers: the configured URL, or the embedded supplier's loopback address once it has started
/// (the supplier client reads it when it is first created, after start-up).
/// </summary>
public sealed class SupplierAddress
{
    private Uri? _baseAddress;

    public SupplierAddress(Uri? configured) => _baseAddress = configured;

    public bool IsEmbedded { get; private init; }

    public Uri BaseAddress => _baseAddress ?? throw new InvalidOperationException("The embedded supplier has not started yet.");

    public static SupplierAddress Embedded() => new(null) { IsEmbedded = true };

    internal void Started(Uri address) => _baseAddress = address;

    /// <summary>The address with a trailing slash, so relative paths like <c>flights/search</c> append to it.</summary>
    public static Uri WithTrailingSlash(string url) => new(url.EndsWith('/') ? url : url + "/");
}

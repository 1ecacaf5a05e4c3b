namespace TravelDesk.Supplier.Simulation;

/// <summary>
/// 64-bit FNV-1a over a string's UTF-16 code units. <see cref="string.GetHashCode()"/> is randomised per process, so
/// it cannot seed data that must be identical in two processes (a standalone supplier and an embedded one, a test
/// and the run it checks); this hash is the same everywhere, forever.
/// </summary>
internal static class StableHash
{
    private const ulong OffsetBasis = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    public static ulong Of(string text)
    {
        var hash = OffsetBasis;
        foreach (var c in text)
        {
            hash = (hash ^ (byte)c) * Prime;
            hash = (hash ^ (byte)(c >> 8)) * Prime;
        }

        return hash;
    }

    /// <summary>A number in [0, 1) from the hash of <paramref name="text"/>: for single draws that need no generator.</summary>
    public static double Unit(string text) => (Mix(Of(text)) >> 11) * (1.0 / (1UL << 53));

    // FNV's low bits are weak on short, similar keys ("EUR|2026-12-01" vs "EUR|2026-12-02"); a finaliser spreads them.
    internal static ulong Mix(ulong value)
    {
        value ^= value >> 30;
        value *= 0xBF58476D1CE4E5B9UL;
        value ^= value >> 27;
        value *= 0x94D049BB133111EBUL;
        return value ^ (value >> 31);
    }
}

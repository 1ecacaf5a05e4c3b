namespace Strata.Engine;

/// <summary>One invalidation stamp (a tag's, a namespace's, or the global one) as this process knows it.</summary>
internal sealed class StampCell
{
    private long _stamp;

    public StampCell(string storageKey) => StorageKey = storageKey;

    /// <summary>The full L2 key the stamp is stored under.</summary>
    public string StorageKey { get; }

    /// <summary>Entries created at or before this stamp are invalid.</summary>
    public long Stamp => Volatile.Read(ref _stamp);

    /// <summary>Whether <see cref="Stamp"/> includes what L2 holds (fetched since the last connection loss). Entries
    /// read from L2 are accepted only when every stamp that applies to them is known.</summary>
    public volatile bool Known;

    /// <summary>Raises the stamp (never lowers it); true when it changed.</summary>
    public bool Raise(long stamp)
    {
        while (true)
        {
            var current = Volatile.Read(ref _stamp);
            if (stamp <= current)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _stamp, stamp, current) == current)
            {
                return true;
            }
        }
    }
}

namespace Strata.Engine;

/// <summary>A namespace, interned by the engine so L1 keys compare it by reference and its stamp is one field away.</summary>
internal sealed class NamespaceState
{
    public NamespaceState(string name, string keyPrefix, string stampKey)
    {
        Name = name;
        FullKeyPrefix = $"{keyPrefix}:{name}:";
        Stamp = new StampCell(stampKey);
    }

    public string Name { get; }

    /// <summary><c>{prefix}:{namespace}:</c>, the start of every full key in the namespace (and the purge prefix).</summary>
    public string FullKeyPrefix { get; }

    public StampCell Stamp { get; }

    public string FullKey(string effectiveKey) => string.Concat(FullKeyPrefix, effectiveKey);
}

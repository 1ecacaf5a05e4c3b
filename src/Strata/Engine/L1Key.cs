using System.Runtime.CompilerServices;

namespace Strata.Engine;

/// <summary>An L1 key: the namespace (by reference) and the key within it, so a hit needs no string concatenation.</summary>
internal readonly struct L1Key : IEquatable<L1Key>
{
    public L1Key(NamespaceState ns, string key)
    {
        Namespace = ns;
        Key = key;
    }

    public NamespaceState Namespace { get; }

    public string Key { get; }

    public bool Equals(L1Key other) => ReferenceEquals(Namespace, other.Namespace) && string.Equals(Key, other.Key, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is L1Key other && Equals(other);

    public override int GetHashCode() => (RuntimeHelpers.GetHashCode(Namespace) * 31) ^ string.GetHashCode(Key, StringComparison.Ordinal);

    public override string ToString() => Namespace.FullKey(Key);
}

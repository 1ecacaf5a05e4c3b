namespace Strata.Keys;

/// <summary>Writes a dictionary property with scalar keys and values, sorted by key.</summary>
internal sealed class MapMemberWriter<TOwner, TKey, TValue>(
    string name,
    Func<TOwner, IEnumerable<KeyValuePair<TKey, TValue>>?> getter,
    KeyCase? keyCase)
    : MemberWriter<TOwner>(name)
    where TKey : notnull
{
    public override void Write(TOwner owner, ref CanonicalKeyWriter writer, KeyCase defaultCase) =>
        writer.AddMap(Name, getter(owner), keyCase ?? defaultCase);
}

namespace Strata.Keys;

/// <summary>Writes a collection-of-scalars property as a set, or as a list when it is
/// <see cref="CacheKeyOrderedAttribute"/>.</summary>
internal sealed class SequenceMemberWriter<TOwner, TElement>(
    string name,
    Func<TOwner, IEnumerable<TElement>?> getter,
    KeyCase? keyCase,
    bool ordered)
    : MemberWriter<TOwner>(name)
{
    public override void Write(TOwner owner, ref CanonicalKeyWriter writer, KeyCase defaultCase) =>
        writer.AddSequence(Name, getter(owner), keyCase ?? defaultCase, ordered);
}

namespace Strata.Keys;

/// <summary>Writes one property (or, for a nested object, its properties) of a <typeparamref name="TOwner"/> into a
/// key. Built once per type by <see cref="KeyPlanBuilder"/> with a compiled getter, so a call costs no reflection.</summary>
internal abstract class MemberWriter<TOwner>(string name)
{
    /// <summary>The parameter name, dotted for members of nested objects (<c>passengers.adults</c>).</summary>
    public string Name { get; } = name;

    public abstract void Write(TOwner owner, ref CanonicalKeyWriter writer, KeyCase defaultCase);
}

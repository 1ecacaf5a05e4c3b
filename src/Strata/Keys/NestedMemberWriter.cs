namespace Strata.Keys;

/// <summary>Writes the members of a nested object under dotted names; a null object contributes nothing.</summary>
internal sealed class NestedMemberWriter<TOwner, TNested>(
    string name,
    Func<TOwner, TNested> getter,
    MemberWriter<TNested>[] members)
    : MemberWriter<TOwner>(name)
{
    public override void Write(TOwner owner, ref CanonicalKeyWriter writer, KeyCase defaultCase)
    {
        var nested = getter(owner);
        if (nested is null)
        {
            return;
        }

        foreach (var member in members)
        {
            member.Write(nested, ref writer, defaultCase);
        }
    }
}

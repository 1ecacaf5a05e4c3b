namespace Strata.Keys;

/// <summary>Writes a scalar property; a null reference is omitted.</summary>
internal sealed class ScalarMemberWriter<TOwner, TValue>(string name, Func<TOwner, TValue> getter, KeyCase? keyCase)
    : MemberWriter<TOwner>(name)
{
    public override void Write(TOwner owner, ref CanonicalKeyWriter writer, KeyCase defaultCase) =>
        writer.AddScalar(Name, getter(owner), keyCase ?? defaultCase);
}

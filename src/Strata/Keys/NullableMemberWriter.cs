namespace Strata.Keys;

/// <summary>Writes a nullable scalar property through its underlying type, so the value is never boxed.</summary>
internal sealed class NullableMemberWriter<TOwner, TValue>(string name, Func<TOwner, TValue?> getter, KeyCase? keyCase)
    : MemberWriter<TOwner>(name)
    where TValue : struct
{
    public override void Write(TOwner owner, ref CanonicalKeyWriter writer, KeyCase defaultCase)
    {
        var value = getter(owner);
        if (value.HasValue)
        {
            writer.AddScalar(Name, value.GetValueOrDefault(), keyCase ?? defaultCase);
        }
        else
        {
            writer.AddOmitted(Name);
        }
    }
}

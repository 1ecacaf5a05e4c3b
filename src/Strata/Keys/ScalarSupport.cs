namespace Strata.Keys;

/// <summary>Whether <typeparamref name="T"/> is a scalar key value type, computed once per type.</summary>
internal static class ScalarSupport<T>
{
    public static readonly bool IsScalar = ScalarFormatter.IsScalar(typeof(T));
}

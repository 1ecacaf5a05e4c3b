using System.ComponentModel;
using System.Reflection;

namespace Strata.Serialization;

/// <summary>
/// Whether instances of <typeparamref name="T"/> can be shared between callers (HybridCache's rule): value types
/// without references, strings, and sealed classes marked <c>[ImmutableObject(true)]</c>. Everything else is kept in
/// L1 as bytes and deserialized per read, so a caller mutating its result cannot corrupt the cache.
/// </summary>
internal static class ImmutableTypes<T>
{
    public static readonly bool IsImmutable = Compute();

    private static bool Compute()
    {
        var type = typeof(T);
        if (type == typeof(string))
        {
            return true;
        }

        if (type.IsValueType)
        {
            // A struct holding references (an array, a list) would share them; only plain data is safe.
            return !System.Runtime.CompilerServices.RuntimeHelpers.IsReferenceOrContainsReferences<T>()
                || type.GetCustomAttribute<ImmutableObjectAttribute>()?.Immutable == true;
        }

        return type.IsSealed && type.GetCustomAttribute<ImmutableObjectAttribute>()?.Immutable == true;
    }
}

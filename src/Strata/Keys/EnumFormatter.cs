using System.Reflection;

namespace Strata.Keys;

/// <summary>Formats enum values by name without boxing, for callers whose <typeparamref name="T"/> cannot carry the
/// <c>struct, Enum</c> constraint.</summary>
internal static class EnumFormatter<T>
{
    // Bound once per enum type; afterwards every call is a plain delegate invocation.
    private static readonly EnumTryFormat<T> TryFormat = typeof(Enum)
        .GetMethods(BindingFlags.Public | BindingFlags.Static)
        .Single(static m => m.Name == nameof(Enum.TryFormat) && m.IsGenericMethodDefinition)
        .MakeGenericMethod(typeof(T))
        .CreateDelegate<EnumTryFormat<T>>();

    public static void Append(ref KeyCharBuffer buffer, T value)
    {
        var sizeHint = 64;
        while (true)
        {
            if (TryFormat(value, buffer.GetSpan(sizeHint), out var written, default))
            {
                buffer.Advance(written);
                return;
            }

            sizeHint *= 2;
        }
    }
}

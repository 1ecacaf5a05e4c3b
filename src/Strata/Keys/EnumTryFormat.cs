namespace Strata.Keys;

/// <summary>The shape of <see cref="Enum.TryFormat{TEnum}(TEnum, Span{char}, out int, ReadOnlySpan{char})"/> for an
/// enum type known only as an unconstrained <typeparamref name="T"/>.</summary>
internal delegate bool EnumTryFormat<T>(T value, Span<char> destination, out int charsWritten, ReadOnlySpan<char> format);

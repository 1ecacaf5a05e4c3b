using System.Globalization;
using System.Runtime.CompilerServices;

namespace Strata.Keys;

/// <summary>
/// Writes one scalar value in its canonical, culture-independent text form (unescaped), shared by
/// <see cref="CacheKeyBuilder"/> and <see cref="CacheKeys"/> so both produce the same key for the same values.
/// </summary>
/// <remarks>
/// Text is trimmed and case-normalised; numbers use the invariant culture in their shortest round-trip form (no
/// trailing zeros, <c>-0</c> is <c>0</c>); <see cref="bool"/> is <c>true</c>/<c>false</c>; <see cref="DateOnly"/> is
/// <c>yyyy-MM-dd</c>; <see cref="DateTime"/> and <see cref="DateTimeOffset"/> are ISO 8601 in UTC with the fraction
/// only as long as needed (an unspecified-kind <see cref="DateTime"/> is taken as UTC); <see cref="TimeSpan"/> uses
/// <c>"c"</c>; <see cref="Guid"/> uses <c>"D"</c>; enums use their names. Any other <see cref="IFormattable"/> is
/// formatted with the invariant culture. The typeof checks fold away when the JIT specialises for value types, so a
/// scalar is never boxed on the common paths.
/// </remarks>
internal static class ScalarFormatter
{
    private const string DateTimeFormat = "yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFF'Z'";
    private const string DateFormat = "yyyy'-'MM'-'dd";
    private const string TimeFormat = "HH':'mm':'ss.FFFFFFF";

    private static readonly HashSet<Type> KnownScalars =
    [
        typeof(string), typeof(char), typeof(bool),
        typeof(byte), typeof(sbyte), typeof(short), typeof(ushort), typeof(int), typeof(uint), typeof(long), typeof(ulong),
        typeof(float), typeof(double), typeof(decimal),
        typeof(DateOnly), typeof(TimeOnly), typeof(DateTime), typeof(DateTimeOffset), typeof(TimeSpan), typeof(Guid),
    ];

    /// <summary>Whether values of <paramref name="type"/> (or of its underlying type when nullable) are scalars.</summary>
    public static bool IsScalar(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying.IsEnum || KnownScalars.Contains(underlying) || typeof(IFormattable).IsAssignableFrom(underlying);
    }

    /// <summary>Appends the canonical text of <paramref name="value"/>, which must not be null.</summary>
    public static void Append<T>(ref KeyCharBuffer buffer, T value, KeyCase keyCase)
    {
        if (typeof(T) == typeof(string))
        {
            AppendText(ref buffer, Unsafe.As<string>(value!), keyCase);
        }
        else if (typeof(T) == typeof(int))
        {
            AppendFormatted(ref buffer, Unsafe.As<T, int>(ref value), default);
        }
        else if (typeof(T) == typeof(long))
        {
            AppendFormatted(ref buffer, Unsafe.As<T, long>(ref value), default);
        }
        else if (typeof(T) == typeof(bool))
        {
            buffer.Append(Unsafe.As<T, bool>(ref value) ? "true" : "false");
        }
        else if (typeof(T) == typeof(double))
        {
            AppendDouble(ref buffer, Unsafe.As<T, double>(ref value));
        }
        else if (typeof(T) == typeof(decimal))
        {
            AppendDecimal(ref buffer, Unsafe.As<T, decimal>(ref value));
        }
        else if (typeof(T) == typeof(DateOnly))
        {
            AppendFormatted(ref buffer, Unsafe.As<T, DateOnly>(ref value), DateFormat);
        }
        else if (typeof(T) == typeof(DateTime))
        {
            AppendDateTime(ref buffer, Unsafe.As<T, DateTime>(ref value));
        }
        else if (typeof(T) == typeof(DateTimeOffset))
        {
            AppendFormatted(ref buffer, Unsafe.As<T, DateTimeOffset>(ref value).UtcDateTime, DateTimeFormat);
        }
        else if (typeof(T) == typeof(TimeSpan))
        {
            AppendFormatted(ref buffer, Unsafe.As<T, TimeSpan>(ref value), "c");
        }
        else if (typeof(T) == typeof(Guid))
        {
            AppendFormatted(ref buffer, Unsafe.As<T, Guid>(ref value), "D");
        }
        else if (typeof(T) == typeof(char))
        {
            AppendText(ref buffer, new ReadOnlySpan<char>(in Unsafe.As<T, char>(ref value)), keyCase);
        }
        else if (typeof(T) == typeof(TimeOnly))
        {
            AppendFormatted(ref buffer, Unsafe.As<T, TimeOnly>(ref value), TimeFormat);
        }
        else if (typeof(T) == typeof(float))
        {
            AppendSingle(ref buffer, Unsafe.As<T, float>(ref value));
        }
        else if (typeof(T) == typeof(short))
        {
            AppendFormatted(ref buffer, Unsafe.As<T, short>(ref value), default);
        }
        else if (typeof(T) == typeof(byte))
        {
            AppendFormatted(ref buffer, Unsafe.As<T, byte>(ref value), default);
        }
        else if (typeof(T) == typeof(sbyte))
        {
            AppendFormatted(ref buffer, Unsafe.As<T, sbyte>(ref value), default);
        }
        else if (typeof(T) == typeof(ushort))
        {
            AppendFormatted(ref buffer, Unsafe.As<T, ushort>(ref value), default);
        }
        else if (typeof(T) == typeof(uint))
        {
            AppendFormatted(ref buffer, Unsafe.As<T, uint>(ref value), default);
        }
        else if (typeof(T) == typeof(ulong))
        {
            AppendFormatted(ref buffer, Unsafe.As<T, ulong>(ref value), default);
        }
        else if (typeof(T).IsEnum)
        {
            EnumFormatter<T>.Append(ref buffer, value);
        }
        else
        {
            // Nullable<X> (from generic callers that cannot unwrap it) and rarer formattable types: boxing is
            // acceptable off the common paths.
            AppendBoxed(ref buffer, value!, keyCase);
        }
    }

    /// <summary>Appends <paramref name="text"/> trimmed and case-normalised.</summary>
    public static void AppendText(ref KeyCharBuffer buffer, ReadOnlySpan<char> text, KeyCase keyCase)
    {
        text = text.Trim();
        switch (keyCase)
        {
            case KeyCase.Upper:
                buffer.Advance(text.ToUpperInvariant(buffer.GetSpan(text.Length)));
                break;
            case KeyCase.Lower:
                buffer.Advance(text.ToLowerInvariant(buffer.GetSpan(text.Length)));
                break;
            default:
                buffer.Append(text);
                break;
        }
    }

    private static void AppendBoxed(ref KeyCharBuffer buffer, object value, KeyCase keyCase)
    {
        switch (value)
        {
            case string text: AppendText(ref buffer, text, keyCase); break;
            case int number: Append(ref buffer, number, keyCase); break;
            case long number: Append(ref buffer, number, keyCase); break;
            case bool flag: Append(ref buffer, flag, keyCase); break;
            case double number: Append(ref buffer, number, keyCase); break;
            case decimal number: Append(ref buffer, number, keyCase); break;
            case DateOnly date: Append(ref buffer, date, keyCase); break;
            case DateTime dateTime: Append(ref buffer, dateTime, keyCase); break;
            case DateTimeOffset dateTime: Append(ref buffer, dateTime, keyCase); break;
            case TimeSpan span: Append(ref buffer, span, keyCase); break;
            case Guid guid: Append(ref buffer, guid, keyCase); break;
            case char c: Append(ref buffer, c, keyCase); break;
            case TimeOnly time: Append(ref buffer, time, keyCase); break;
            case float number: Append(ref buffer, number, keyCase); break;
            case short number: Append(ref buffer, number, keyCase); break;
            case byte number: Append(ref buffer, number, keyCase); break;
            case sbyte number: Append(ref buffer, number, keyCase); break;
            case ushort number: Append(ref buffer, number, keyCase); break;
            case uint number: Append(ref buffer, number, keyCase); break;
            case ulong number: Append(ref buffer, number, keyCase); break;
            case Enum named: buffer.Append(named.ToString()); break;
            case IFormattable formattable: buffer.Append(formattable.ToString(null, CultureInfo.InvariantCulture)); break;
            default:
                throw new NotSupportedException($"Values of type {value.GetType()} cannot be part of a cache key.");
        }
    }

    private static void AppendDouble(ref KeyCharBuffer buffer, double value)
    {
        // -0.0 == 0.0, so both must give the same key.
        if (value == 0)
        {
            buffer.Append('0');
            return;
        }

        AppendFormatted(ref buffer, value, default);
    }

    private static void AppendSingle(ref KeyCharBuffer buffer, float value)
    {
        if (value == 0)
        {
            buffer.Append('0');
            return;
        }

        AppendFormatted(ref buffer, value, default);
    }

    private static void AppendDecimal(ref KeyCharBuffer buffer, decimal value)
    {
        if (value == 0)
        {
            buffer.Append('0');
            return;
        }

        // decimal keeps its scale (1.50m prints "1.50"); equal values must give equal keys, so drop trailing zeros.
        var start = buffer.Length;
        AppendFormatted(ref buffer, value, default);
        var written = buffer.Slice(start, buffer.Length - start);
        if (written.Contains('.'))
        {
            var trimmed = written.TrimEnd('0').TrimEnd('.');
            buffer.Advance(trimmed.Length - written.Length);
        }
    }

    private static void AppendDateTime(ref KeyCharBuffer buffer, DateTime value)
    {
        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
        AppendFormatted(ref buffer, utc, DateTimeFormat);
    }

    private static void AppendFormatted<TValue>(ref KeyCharBuffer buffer, TValue value, ReadOnlySpan<char> format)
        where TValue : ISpanFormattable
    {
        var sizeHint = 64;
        while (true)
        {
            if (value.TryFormat(buffer.GetSpan(sizeHint), out var written, format, CultureInfo.InvariantCulture))
            {
                buffer.Advance(written);
                return;
            }

            sizeHint *= 2;
        }
    }
}

using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Strata.RateLimiting.AspNetCore.Incoming;

/// <summary>
/// Serialises <see cref="RateLimitQuota"/> as the structured-field list items of draft-ietf-httpapi-ratelimit-headers-11:
/// <c>RateLimit-Policy: "search";q=100;w=60</c> and <c>RateLimit: "search";r=42;t=17</c>.
/// </summary>
internal static class RateLimitFields
{
    // RFC 9651 sf-integer: at most 15 digits.
    private const long MaxSfInteger = 999_999_999_999_999;

    /// <summary>Whole seconds, rounded up: a client told "0" after 0.4 s of wait would come back too early.</summary>
    public static long DeltaSeconds(TimeSpan value) =>
        value <= TimeSpan.Zero ? 0 : Math.Min(MaxSfInteger, (value.Ticks + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond);

    /// <summary>
    /// Appends one item to each field. <paramref name="effectiveWindow"/> becomes <c>t</c>; a quota without a window
    /// (a concurrency limit) gets neither <c>w</c> nor <c>t</c>, since no time frees its permits.
    /// </summary>
    public static void Append(IHeaderDictionary headers, in RateLimitQuota quota, TimeSpan effectiveWindow)
    {
        headers.Append(RateLimitHeaderNames.RateLimitPolicy, FormatPolicy(quota));
        headers.Append(RateLimitHeaderNames.RateLimit, FormatLimit(quota, effectiveWindow));
    }

    public static string FormatPolicy(in RateLimitQuota quota)
    {
        var builder = new StringBuilder(32);
        AppendString(builder, quota.Policy);
        builder.Append(CultureInfo.InvariantCulture, $";q={Clamp(quota.Limit)}");
        if (quota.Window > TimeSpan.Zero)
        {
            // w must be a positive integer; rounding up understates the rate, the safe side for a client.
            builder.Append(CultureInfo.InvariantCulture, $";w={Math.Max(1, DeltaSeconds(quota.Window))}");
        }

        return builder.ToString();
    }

    public static string FormatLimit(in RateLimitQuota quota, TimeSpan effectiveWindow)
    {
        var builder = new StringBuilder(32);
        AppendString(builder, quota.Policy);
        builder.Append(CultureInfo.InvariantCulture, $";r={Clamp(quota.Remaining)}");
        if (quota.Window > TimeSpan.Zero)
        {
            builder.Append(CultureInfo.InvariantCulture, $";t={DeltaSeconds(effectiveWindow)}");
        }

        return builder.ToString();
    }

    /// <summary>Combines every field line of <paramref name="values"/> into one list, as RFC 9651 section 3.1 allows.</summary>
    public static string Join(StringValues values) => string.Join(", ", values.ToArray());

    private static long Clamp(long value) => Math.Clamp(value, 0, MaxSfInteger);

    // RFC 9651 sf-string: printable ASCII with '"' and '\' escaped. Policy names come from configuration, so anything
    // outside that range is replaced rather than allowed to break the field (or the response).
    private static void AppendString(StringBuilder builder, string? value)
    {
        builder.Append('"');
        foreach (var c in value ?? string.Empty)
        {
            if (c is '"' or '\\')
            {
                builder.Append('\\').Append(c);
            }
            else if (c is >= ' ' and <= '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('_');
            }
        }

        builder.Append('"');
    }
}

using System.Net.Mail;
using TravelDesk.Data.Validation;

namespace TravelDesk.Data.Users;

/// <summary>
/// E-mail validation and normalisation. Addresses are stored lower-case, so uniqueness is case-insensitive on both
/// engines without relying on collations (SQLite's UNIQUE compares bytes).
/// </summary>
internal static class EmailAddress
{
    private const int MaxLength = 254;

    public static string Normalize(string? value, string field)
    {
        var trimmed = Require.Text(value, MaxLength, field);

        // MailAddress accepts display names ("Ann <ann@x.org>") and bare local parts in some forms; require the plain address.
        if (!MailAddress.TryCreate(trimmed, out var address) ||
            !string.Equals(address.Address, trimmed, StringComparison.Ordinal) ||
            !address.Host.Contains('.', StringComparison.Ordinal))
        {
            Require.Fail(field, $"{field} '{trimmed}' is not a valid e-mail address.");
        }

        return trimmed.ToLowerInvariant();
    }
}

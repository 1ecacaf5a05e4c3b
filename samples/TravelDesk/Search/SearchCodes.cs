using TravelDesk.Supplier;
using TravelDesk.Validation;

namespace TravelDesk.Search;

/// <summary>Catalogue checks shared by the search and lookup endpoints: known city and currency codes.</summary>
internal static class SearchCodes
{
    public static string? City(FieldErrors errors, string field, string? value)
    {
        var code = errors.Required(field, value)?.ToUpperInvariant();
        if (code is not null && !SupplierCatalog.TryGetCity(code, out _))
        {
            errors.Add(field, $"Unknown city code '{value}'.");
            return null;
        }

        return code;
    }

    public static string? Currency(FieldErrors errors, string field, string? value)
    {
        var code = errors.Required(field, value)?.ToUpperInvariant();
        if (code is not null && !SupplierCatalog.IsKnownCurrency(code))
        {
            errors.Add(field, $"Unknown currency code '{value}'.");
            return null;
        }

        return code;
    }
}

using TravelDesk.Supplier.Http;

namespace TravelDesk.Supplier.Activities;

/// <summary>Reads <c>GET /activities/search</c>: a city, a date not in the past, and optionally one category.</summary>
internal static class ActivityQueryParser
{
    public static ActivityQuery? Parse(QueryReader reader)
    {
        var city = reader.City("city");
        var zone = city is null ? null : SupplierCatalog.GetAirportsOfCity(city.Code)[0].TimeZone;
        var date = reader.FutureDate("date", zone, required: true);
        var category = reader.Text("category");
        if (category is not null && !ActivityCategories.IsKnown(category))
        {
            reader.Add("category", $"'category' must be one of {string.Join(", ", ActivityCategories.All)}, was '{category}'.");
        }

        return reader.HasErrors ? null : new ActivityQuery(city!, date!.Value, category?.ToLowerInvariant());
    }
}

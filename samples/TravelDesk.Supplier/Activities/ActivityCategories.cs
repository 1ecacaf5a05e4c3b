namespace TravelDesk.Supplier.Activities;

/// <summary>The activity categories (the <c>category</c> filter takes these names) and what an activity of each is like.</summary>
internal static class ActivityCategories
{
    public static readonly IReadOnlyList<string> All = ["tour", "museum", "food", "outdoor", "nightlife", "show"];

    public static bool IsKnown(string name) => All.Contains(name, StringComparer.OrdinalIgnoreCase);

    /// <summary>Name templates; <c>{0}</c> is the city's name.</summary>
    public static IReadOnlyList<string> Templates(string category) => category switch
    {
        "tour" => ["{0} Old Town Walking Tour", "Bike Tour of {0}", "{0} Hop-On Hop-Off Bus", "Private Guided Tour of {0}", "Day Trip from {0}", "{0} Architecture Walk"],
        "museum" => ["{0} Museum of Art", "{0} History Museum", "Modern Art Gallery Pass", "{0} Science Centre", "Museum Night Pass"],
        "food" => ["{0} Street Food Tasting", "Cooking Class with a Local Chef", "Wine and Cheese Tasting", "Market Food Tour", "Chocolate Workshop"],
        "outdoor" => ["Sunset Kayak Trip", "Hiking Day near {0}", "Botanical Garden Visit", "{0} Harbour Cruise", "Hot-Air Balloon Flight"],
        "nightlife" => ["{0} Rooftop Bar Crawl", "Jazz Club Evening", "{0} Pub Crawl", "Night Market Stroll"],
        _ => ["Evening Theatre Show", "Classical Concert", "Comedy Night", "Dinner and Show", "Dance Performance"],
    };

    /// <summary>US-dollar base price and duration range (minutes) of a category.</summary>
    public static (double Price, int MinMinutes, int MaxMinutes) Shape(string category) => category switch
    {
        "tour" => (45, 90, 480),
        "museum" => (20, 60, 180),
        "food" => (70, 120, 240),
        "outdoor" => (60, 120, 360),
        "nightlife" => (40, 150, 300),
        _ => (80, 90, 180),
    };
}

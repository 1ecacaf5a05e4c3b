namespace Strata.Benchmarks.TravelDesk;

/// <summary>Names and groups of <see cref="RequestKind"/>.</summary>
internal static class RequestKinds
{
    public static readonly RequestKind[] All = Enum.GetValues<RequestKind>();

    /// <summary>Searches go to the supplier; everything else reads the database.</summary>
    public static bool IsSearch(this RequestKind kind) => kind is RequestKind.Flight or RequestKind.Hotel;

    public static string Name(this RequestKind kind) => kind switch
    {
        RequestKind.Flight => "flights",
        RequestKind.Hotel => "hotels",
        RequestKind.ResourceList => "resource_lists",
        RequestKind.Template => "templates",
        RequestKind.User => "users",
        RequestKind.UserPage => "user_pages",
        RequestKind.Stats => "stats",
        RequestKind.Recommendation => "recommendations",
        _ => kind.ToString(),
    };
}

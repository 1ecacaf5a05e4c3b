namespace TravelDesk.Data.Seeding;

/// <summary>The fixed reference data the seed is built from: real destinations, trip types, tags, guides and companies.</summary>
internal static class SeedCatalog
{
    public static readonly IReadOnlyList<LocationSeed> Locations =
    [
        new("Reykjavik", "Iceland", "Europe", 64.1466, -21.9426),
        new("Lisbon", "Portugal", "Europe", 38.7223, -9.1393),
        new("Barcelona", "Spain", "Europe", 41.3874, 2.1686),
        new("Rome", "Italy", "Europe", 41.9028, 12.4964),
        new("Santorini", "Greece", "Europe", 36.3932, 25.4615),
        new("Dubrovnik", "Croatia", "Europe", 42.6507, 18.0944),
        new("Prague", "Czechia", "Europe", 50.0755, 14.4378),
        new("Edinburgh", "United Kingdom", "Europe", 55.9533, -3.1883),
        new("Tromso", "Norway", "Europe", 69.6492, 18.9553),
        new("Interlaken", "Switzerland", "Europe", 46.6863, 7.8632),
        new("Istanbul", "Turkey", "Europe", 41.0082, 28.9784),
        new("Marrakech", "Morocco", "Africa", 31.6295, -7.9811),
        new("Cape Town", "South Africa", "Africa", -33.9249, 18.4241),
        new("Zanzibar", "Tanzania", "Africa", -6.1659, 39.2026),
        new("Serengeti", "Tanzania", "Africa", -2.3333, 34.8333),
        new("Cairo", "Egypt", "Africa", 30.0444, 31.2357),
        new("Kyoto", "Japan", "Asia", 35.0116, 135.7681),
        new("Tokyo", "Japan", "Asia", 35.6762, 139.6503),
        new("Bali", "Indonesia", "Asia", -8.3405, 115.0920),
        new("Hanoi", "Vietnam", "Asia", 21.0278, 105.8342),
        new("Chiang Mai", "Thailand", "Asia", 18.7883, 98.9853),
        new("Kathmandu", "Nepal", "Asia", 27.7172, 85.3240),
        new("Jaipur", "India", "Asia", 26.9124, 75.7873),
        new("Luang Prabang", "Laos", "Asia", 19.8856, 102.1347),
        new("Petra", "Jordan", "Middle East", 30.3285, 35.4444),
        new("Queenstown", "New Zealand", "Oceania", -45.0312, 168.6626),
        new("Sydney", "Australia", "Oceania", -33.8688, 151.2093),
        new("Cairns", "Australia", "Oceania", -16.9186, 145.7781),
        new("Banff", "Canada", "North America", 51.1784, -115.5708),
        new("Vancouver", "Canada", "North America", 49.2827, -123.1207),
        new("New York", "United States", "North America", 40.7128, -74.0060),
        new("Yellowstone", "United States", "North America", 44.4280, -110.5885),
        new("Oaxaca", "Mexico", "North America", 17.0732, -96.7266),
        new("Tulum", "Mexico", "North America", 20.2114, -87.4654),
        new("Havana", "Cuba", "Caribbean", 23.1136, -82.3666),
        new("Cusco", "Peru", "South America", -13.5320, -71.9675),
        new("El Chalten", "Argentina", "South America", -49.3314, -72.8864),
        new("Rio de Janeiro", "Brazil", "South America", -22.9068, -43.1729),
        new("Galapagos Islands", "Ecuador", "South America", -0.9538, -90.9656),
        new("Cartagena", "Colombia", "South America", 10.3910, -75.4794),
    ];

    public static readonly IReadOnlyList<TripTypeSeed> TripTypes =
    [
        new("Adventure", "adventure", 3, 14, 150, 3, 5,
            ["Trek", "Expedition", "Ridge Traverse", "Wild Crossing"],
            ["hiking", "kayaking", "cycling", "glaciers", "volcanoes", "small-group"]),
        new("Cultural", "cultural", 2, 10, 120, 1, 2,
            ["Heritage Journey", "Old Town Discovery", "Temples and Traditions", "History Walk"],
            ["history", "museums", "architecture", "temples", "festivals", "photography"]),
        new("Beach", "beach", 4, 12, 130, 1, 2,
            ["Island Escape", "Coastal Retreat", "Sun and Sand Week", "Lagoon Getaway"],
            ["snorkeling", "diving", "surfing", "islands", "luxury", "budget"]),
        new("City break", "city-break", 2, 5, 160, 1, 2,
            ["City Weekend", "Urban Highlights", "Neighbourhood Nights", "Skyline Break"],
            ["nightlife", "museums", "architecture", "food-tour", "street-food", "budget"]),
        new("Wildlife", "wildlife", 4, 14, 250, 2, 4,
            ["Safari", "Wildlife Watch", "Nature Quest", "Big Five Journey"],
            ["safari", "birdwatching", "photography", "rainforest", "small-group"]),
        new("Culinary", "culinary", 2, 8, 180, 1, 2,
            ["Food Trail", "Taste Tour", "Market and Kitchen", "Wine Country Days"],
            ["food-tour", "wine", "street-food", "luxury"]),
        new("Wellness", "wellness", 3, 10, 200, 1, 2,
            ["Yoga Retreat", "Spa Escape", "Mindful Journey", "Reset Week"],
            ["yoga", "spa", "luxury", "small-group"]),
        new("Family", "family", 3, 9, 110, 1, 3,
            ["Family Adventure", "Kids Discovery", "Family Fun Week", "Explorer Camp"],
            ["kid-friendly", "islands", "festivals", "budget"]),
    ];

    public static readonly IReadOnlyList<string> Tags =
    [
        "hiking", "snorkeling", "diving", "photography", "food-tour", "wine", "history", "museums", "architecture",
        "nightlife", "yoga", "spa", "safari", "birdwatching", "kayaking", "surfing", "cycling", "skiing",
        "northern-lights", "festivals", "street-food", "temples", "volcanoes", "glaciers", "rainforest", "islands",
        "luxury", "budget", "small-group", "kid-friendly",
    ];

    public static readonly IReadOnlyList<string> GuideNames =
    [
        "Ana Ferreira", "Bjorn Sigurdsson", "Chen Wei", "Daniela Rossi", "Emeka Okafor", "Fatima Zahra", "Gustavo Lima",
        "Hana Sato", "Ivan Petrov", "Julia Novak", "Kofi Mensah", "Lena Schmidt", "Mateo Garcia", "Nadia Haddad",
        "Oliver Brown", "Priya Sharma", "Quentin Dubois", "Rosa Martinez", "Sipho Ndlovu", "Tomas Horak",
        "Uma Patel", "Valentina Cruz", "William Taylor", "Xiao Lin", "Yusuf Demir",
    ];

    public static readonly IReadOnlyList<string> Languages = ["en", "es", "fr", "de", "it", "pt", "ja", "zh"];

    public static readonly IReadOnlyList<CompanySeed> Companies =
    [
        new("Northern Trails", "Norway", true),
        new("Blue Horizon Travel", "Portugal", true),
        new("Atlas Expeditions", "Morocco", true),
        new("Wanderlust Collective", "United Kingdom", false),
        new("Terra Nova Tours", "Brazil", true),
        new("Coastal Escapes", "Australia", false),
        new("Summit Seekers", "Nepal", true),
        new("Urban Footsteps", "United States", true),
        new("Wild Earth Safaris", "Tanzania", true),
        new("Savour Journeys", "Italy", false),
        new("Serenity Retreats", "Indonesia", true),
        new("Little Explorers", "Canada", false),
    ];

    public static readonly IReadOnlyList<string> TitleAdjectives =
    [
        "Classic", "Hidden", "Grand", "Essential", "Slow", "Ultimate", "Authentic", "Scenic", "Private", "Golden",
        "Wild", "Secret",
    ];

    public static readonly IReadOnlyList<string> FirstNames =
    [
        "Alice", "Ben", "Carla", "David", "Elena", "Farid", "Grace", "Hugo", "Ines", "Jonas", "Kira", "Leo", "Maya",
        "Nico", "Olga", "Pablo", "Quinn", "Rina", "Samir", "Tara", "Umar", "Vera", "Wen", "Ximena", "Yara", "Zoe",
    ];

    public static readonly IReadOnlyList<string> LastNames =
    [
        "Andersen", "Baker", "Costa", "Dubois", "Eriksen", "Fischer", "Gomez", "Hoffmann", "Ivanova", "Jensen",
        "Kowalski", "Larsen", "Moreau", "Nakamura", "Olsen", "Perez", "Quist", "Rossi", "Silva", "Tanaka", "Ueda",
        "Visser", "Walker", "Yilmaz", "Zhang",
    ];

    public static readonly IReadOnlyList<string> EarnReasons = ["trip booked", "review written", "referral", "hotel stay"];
}

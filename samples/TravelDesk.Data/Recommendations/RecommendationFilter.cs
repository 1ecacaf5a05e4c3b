using TravelDesk.Data.Validation;

namespace TravelDesk.Data.Recommendations;

/// <summary>A validated, normalised <see cref="RecommendationRequest"/>: ids distinct and sorted, countries lower-case, prices in cents, dates resolved against today.</summary>
internal sealed record RecommendationFilter(
    DateOnly Today,
    IReadOnlyList<int>? LocationIds,
    IReadOnlyList<string>? Countries,
    IReadOnlyList<int>? TripTypeIds,
    IReadOnlyList<int>? TagIds,
    long? MaxPriceCents,
    int? MinDurationDays,
    int? MaxDurationDays,
    int? MaxDifficulty,
    DateOnly StartFrom,
    DateOnly? StartUntil,
    int Seats,
    int Limit)
{
    public static RecommendationFilter From(RecommendationRequest request, DateOnly today)
    {
        Require.InRange(request.Limit, 1, RecommendationRequest.MaxLimit, nameof(request.Limit));
        Require.InRange(request.GroupSize, 1, RecommendationRequest.MaxGroupSize, nameof(request.GroupSize));
        var max = RecommendationRequest.MaxListLength;
        var locations = Require.Ids(request.LocationIds, max, nameof(request.LocationIds));
        var tripTypes = Require.Ids(request.TripTypeIds, max, nameof(request.TripTypeIds));
        var tags = Require.Ids(request.TagIds, max, nameof(request.TagIds));
        var countries = NormalizeCountries(request.Countries);

        long? maxPriceCents = null;
        if (request.MaxPrice is { } maxPrice)
        {
            if (maxPrice <= 0 || maxPrice > Money.MaxPrice)
            {
                Require.Fail(nameof(request.MaxPrice), $"MaxPrice must be greater than 0 and at most {Money.MaxPrice} (was {maxPrice}).");
            }

            // "At most 99.999" admits 99.99 and nothing dearer.
            maxPriceCents = (long)decimal.Floor(maxPrice * 100);
        }

        if (request.MinDurationDays is { } minDays)
        {
            Require.InRange(minDays, 1, 365, nameof(request.MinDurationDays));
        }

        if (request.MaxDurationDays is { } maxDays)
        {
            Require.InRange(maxDays, 1, 365, nameof(request.MaxDurationDays));
        }

        if (request.MinDurationDays > request.MaxDurationDays)
        {
            Require.Fail(nameof(request.MinDurationDays), $"MinDurationDays ({request.MinDurationDays}) must not exceed MaxDurationDays ({request.MaxDurationDays}).");
        }

        if (request.MaxDifficulty is { } difficulty)
        {
            Require.InRange(difficulty, 1, 5, nameof(request.MaxDifficulty));
        }

        if (request.StartAfter > request.StartBefore)
        {
            Require.Fail(nameof(request.StartAfter), $"StartAfter ({request.StartAfter:yyyy-MM-dd}) must not be later than StartBefore ({request.StartBefore:yyyy-MM-dd}).");
        }

        // Never recommend a departure that has already left.
        var from = request.StartAfter is { } after && after > today ? after : today;
        return new RecommendationFilter(
            today, locations, countries, tripTypes, tags, maxPriceCents, request.MinDurationDays, request.MaxDurationDays,
            request.MaxDifficulty, from, request.StartBefore, request.GroupSize, request.Limit);
    }

    private static List<string>? NormalizeCountries(IReadOnlyList<string>? countries)
    {
        if (countries is null)
        {
            return null;
        }

        const string Field = nameof(RecommendationRequest.Countries);
        if (countries.Count is 0 or > RecommendationRequest.MaxListLength)
        {
            Require.Fail(Field, $"Countries must have 1 to {RecommendationRequest.MaxListLength} entries; leave it out to not filter.");
        }

        var normalised = new List<string>(countries.Count);
        foreach (var country in countries)
        {
            normalised.Add(Require.Text(country, 100, Field).ToLowerInvariant());
        }

        return [.. normalised.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }
}

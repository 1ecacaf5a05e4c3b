using System.Security.Cryptography;
using System.Text;
using Strata.AspNetCore;
using Strata.Keys;
using TravelDesk.Caching;
using TravelDesk.Data;
using TravelDesk.Validation;

namespace TravelDesk.Resources;

/// <summary>
/// SmartTrip's endpoints over the database. The resource lists and templates are HTTP-cached (ETag/304, 15 and 5 min);
/// recommendations (a POST, so not HTTP-cacheable) are cached in the <c>recommendations</c> namespace under a
/// canonical hash of the preferences. Editing a template or one of its departures evicts the template's tag and the
/// whole recommendations namespace, on every node.
/// </summary>
internal static class ResourceEndpoints
{
    public const string RecommendationsNamespace = "recommendations";

    public static RouteGroupBuilder MapResourceEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").WithTags("Trips (SmartTrip)");

        api.MapGet("/locations", (ResourceQueries q, CancellationToken ct) => q.GetLocationsAsync(ct)).CacheResponse(ResponsePolicies.Resources)
            .WithSummary("Destinations (HTTP-cached 15 min, ETag).");
        api.MapGet("/trip-types", (ResourceQueries q, CancellationToken ct) => q.GetTripTypesAsync(ct)).CacheResponse(ResponsePolicies.Resources)
            .WithSummary("Trip types (HTTP-cached 15 min, ETag).");
        api.MapGet("/tags", (ResourceQueries q, CancellationToken ct) => q.GetTagsAsync(ct)).CacheResponse(ResponsePolicies.Resources)
            .WithSummary("Tags (HTTP-cached 15 min, ETag).");
        api.MapGet("/guides", (ResourceQueries q, CancellationToken ct) => q.GetGuidesAsync(ct)).CacheResponse(ResponsePolicies.Resources)
            .WithSummary("Guides (HTTP-cached 15 min, ETag).");
        api.MapGet("/companies", (ResourceQueries q, CancellationToken ct) => q.GetCompaniesAsync(ct)).CacheResponse(ResponsePolicies.Resources)
            .WithSummary("Tour companies (HTTP-cached 15 min, ETag).");

        api.MapPost("/recommendations", RecommendAsync)
            .WithSummary("Trips matching the preferences in the body: one multi-join query, cached by a canonical hash of the preferences.")
            .Accepts<RecommendationRequest>("application/json").Produces<IReadOnlyList<Recommendation>>().ProducesValidationProblem();

        api.MapGet("/templates/{id:int}", GetTemplateAsync).CacheResponse(ResponsePolicies.Templates, p => p.Tags.Add("template:{id}"))
            .WithSummary("A trip template with its departures (HTTP-cached 5 min, tag template:{id}).")
            .Produces<TripTemplateDetails>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut("/templates/{id:int}", UpdateTemplateAsync)
            .InvalidatesTags("template:{id}", "dashboard_stats").InvalidatesNamespaces(RecommendationsNamespace)
            .WithSummary("Edits a template; evicts template:{id} and the recommendations namespace on every node.")
            .Accepts<TemplateUpdate>("application/json").Produces<TripTemplateDetails>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut("/occurrences/{id:int}", UpdateOccurrenceAsync)
            .InvalidatesTags("dashboard_stats").InvalidatesNamespaces(RecommendationsNamespace)
            .WithSummary("Edits a departure; evicts its template's tag and the recommendations namespace on every node.")
            .Accepts<OccurrenceUpdate>("application/json").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    /// <summary>The recommendation cache key: a SHA-256 of the canonical form (sets sorted, names ordered).</summary>
    internal static string RecommendationKey(RecommendationRequest request)
    {
        var canonical = CacheKeys.From("prefs", request);
        return "prefs:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    private static Task<IResult> RecommendAsync(HttpContext http, TravelCache cache, RecommendationQuery query, TimeProvider time, CancellationToken cancellationToken) =>
        DataProblems.AnswerAsync(async () =>
        {
            var errors = new FieldErrors();
            var request = await JsonBody.ReadAsync<RecommendationRequest>(http.Request, errors, cancellationToken).ConfigureAwait(false);
            if (request is null || errors.Any)
            {
                return errors.ToProblem();
            }

            // Validated before the cache so a bad request is neither a cache miss nor a query.
            query.Validate(request);
            var answer = await cache.GetOrCreateAsync(
                RecommendationsNamespace, RecommendationKey(request), (query, request),
                static async (state, ct) => await state.query.RecommendAsync(state.request, ct).ConfigureAwait(false),
                "RECOMMENDATIONS", [], refresh: false, cancellationToken).ConfigureAwait(false);
            answer.WriteHeaders(http.Response, time);
            return Results.Ok(answer.Value);
        });

    private static async Task<IResult> GetTemplateAsync(int id, TemplateStore templates, CancellationToken cancellationToken) =>
        await templates.GetTemplateAsync(id, cancellationToken).ConfigureAwait(false) is { } template
            ? Results.Ok(template)
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No trip template has id {id}.");

    private static Task<IResult> UpdateTemplateAsync(int id, HttpContext http, TemplateStore templates, CancellationToken cancellationToken) =>
        DataProblems.AnswerAsync(async () =>
        {
            var errors = new FieldErrors();
            var update = await JsonBody.ReadAsync<TemplateUpdate>(http.Request, errors, cancellationToken).ConfigureAwait(false);
            if (update is null || errors.Any)
            {
                return errors.ToProblem();
            }

            if (!await templates.UpdateTemplateAsync(id, update, cancellationToken).ConfigureAwait(false))
            {
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No trip template has id {id}.");
            }

            return Results.Ok(await templates.GetTemplateAsync(id, cancellationToken).ConfigureAwait(false));
        });

    private static Task<IResult> UpdateOccurrenceAsync(int id, HttpContext http, TemplateStore templates, TravelCache cache, CancellationToken cancellationToken) =>
        DataProblems.AnswerAsync(async () =>
        {
            var errors = new FieldErrors();
            var update = await JsonBody.ReadAsync<OccurrenceUpdate>(http.Request, errors, cancellationToken).ConfigureAwait(false);
            if (update is null || errors.Any)
            {
                return errors.ToProblem();
            }

            if (await templates.UpdateOccurrenceAsync(id, update, cancellationToken).ConfigureAwait(false) is not { } templateId)
            {
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No departure has id {id}.");
            }

            // The route does not name the template, so its tag is evicted here, before the response is sent; the
            // namespace is evicted by the endpoint's metadata.
            await cache.InvalidateAsync([$"template:{templateId}"], []).ConfigureAwait(false);
            return Results.Ok(new { occurrenceId = id, templateId });
        });
}

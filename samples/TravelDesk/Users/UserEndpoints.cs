using Strata.AspNetCore;
using TravelDesk.Caching;
using TravelDesk.Data;
using TravelDesk.Validation;

namespace TravelDesk.Users;

/// <summary>
/// HITA's user endpoints and statistics, HTTP-cached with its TTL table (details 3 min, lists 1 min, user stats 5 min,
/// dashboard 10 min). Writes are evicted by the route rules in appsettings.json (<c>Strata:Invalidation:Rules</c>),
/// HITA's INVALIDATION_PATTERNS: no invalidation code in these handlers.
/// </summary>
internal static class UserEndpoints
{
    public static RouteGroupBuilder MapUserEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").WithTags("Users (HITA)");

        api.MapGet("/users/{id:int}", GetUserAsync).CacheResponse(ResponsePolicies.UserDetails, p => p.Tags.Add("user:{id}"))
            .WithSummary("A user (HTTP-cached 3 min, tag user:{id}).").Produces<User>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/users", ListUsersAsync).CacheResponse(ResponsePolicies.UserList)
            .WithSummary("A page of users (HTTP-cached 1 min per page).").Produces<UserPage>().ProducesValidationProblem();
        api.MapGet("/stats/users", (StatsQueries stats, CancellationToken ct) => stats.GetUserStatsAsync(ct)).CacheResponse(ResponsePolicies.UserStats)
            .WithSummary("User statistics (HTTP-cached 5 min).");
        api.MapGet("/stats/dashboard", (StatsQueries stats, CancellationToken ct) => stats.GetDashboardStatsAsync(ct)).CacheResponse(ResponsePolicies.DashboardStats)
            .WithSummary("The heavy dashboard aggregates (HTTP-cached 10 min).");

        api.MapPost("/users", CreateUserAsync)
            .WithSummary("Creates a user; the rules evict user_stats, user_list and dashboard_stats.")
            .Accepts<NewUser>("application/json").Produces<User>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPut("/users/{id:int}", UpdateUserAsync)
            .WithSummary("Edits a user; the rules evict user:{id} and the lists and stats.")
            .Accepts<UserUpdate>("application/json").Produces<User>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/users/{id:int}/points", AddPointsAsync)
            .WithSummary("Adds (or removes) loyalty points; the rules evict user:{id} and the lists and stats.")
            .Accepts<PointsChange>("application/json").Produces<User>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> GetUserAsync(int id, UserStore users, CancellationToken cancellationToken) =>
        await users.GetUserAsync(id, cancellationToken).ConfigureAwait(false) is { } user ? Results.Ok(user) : NoSuchUser(id);

    private static Task<IResult> ListUsersAsync(string? page, string? pageSize, UserStore users, CancellationToken cancellationToken) =>
        DataProblems.AnswerAsync(async () =>
        {
            var errors = new FieldErrors();
            var number = errors.Integer("page", page, 1, 1, int.MaxValue);
            var size = errors.Integer("pageSize", pageSize, 20, 1, 100);
            if (errors.Any)
            {
                return errors.ToProblem();
            }

            return Results.Ok(await users.ListUsersAsync(number!.Value, size!.Value, cancellationToken).ConfigureAwait(false));
        });

    private static Task<IResult> CreateUserAsync(HttpContext http, UserStore users, CancellationToken cancellationToken) =>
        DataProblems.AnswerAsync(async () =>
        {
            var errors = new FieldErrors();
            if (await JsonBody.ReadAsync<NewUser>(http.Request, errors, cancellationToken).ConfigureAwait(false) is not { } user || errors.Any)
            {
                return errors.ToProblem();
            }

            var created = await users.CreateUserAsync(user, cancellationToken).ConfigureAwait(false);
            return Results.Created($"/api/users/{created.Id}", created);
        });

    private static Task<IResult> UpdateUserAsync(int id, HttpContext http, UserStore users, CancellationToken cancellationToken) =>
        DataProblems.AnswerAsync(async () =>
        {
            var errors = new FieldErrors();
            if (await JsonBody.ReadAsync<UserUpdate>(http.Request, errors, cancellationToken).ConfigureAwait(false) is not { } update || errors.Any)
            {
                return errors.ToProblem();
            }

            return await users.UpdateUserAsync(id, update, cancellationToken).ConfigureAwait(false) is { } user ? Results.Ok(user) : NoSuchUser(id);
        });

    private static Task<IResult> AddPointsAsync(int id, HttpContext http, UserStore users, CancellationToken cancellationToken) =>
        DataProblems.AnswerAsync(async () =>
        {
            var errors = new FieldErrors();
            if (await JsonBody.ReadAsync<PointsChange>(http.Request, errors, cancellationToken).ConfigureAwait(false) is not { } change || errors.Any)
            {
                return errors.ToProblem();
            }

            return await users.AddPointsAsync(id, change.Points, change.Reason ?? string.Empty, cancellationToken).ConfigureAwait(false) is { } user
                ? Results.Ok(user)
                : NoSuchUser(id);
        });

    private static IResult NoSuchUser(int id) => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No user has id {id}.");
}

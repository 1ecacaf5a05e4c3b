using Microsoft.AspNetCore.Mvc;

namespace Strata.AspNetCore.Tests.ResponseCaching;

/// <summary>A controller cached with the attribute (class-level policy, action-level tags). Its route is unusual so
/// that it cannot clash with other tests' controllers in this assembly.</summary>
[ApiController]
[Route("response-caching/trips")]
[CacheResponse("trips")]
public sealed class TripsController : ControllerBase
{
    private static int s_calls;

    public static int Calls => Volatile.Read(ref s_calls);

    public static void Reset() => Volatile.Write(ref s_calls, 0);

    [HttpGet("{id}")]
    [CacheResponse("trips", Tags = ["trip:{id}"], VaryByHeaders = ["Accept-Language"])]
    public ActionResult<TripDto> Get(string id) => new TripDto(id, Interlocked.Increment(ref s_calls));

    [HttpGet("")]
    public IActionResult List() => Content($"list #{Interlocked.Increment(ref s_calls)}", "text/plain");

    /// <summary>A trip as the API returns it.</summary>
    public sealed record TripDto(string Id, int Call);
}

using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Strata.Benchmarks.Http;

/// <summary>
/// The benchmark endpoint: 20 ms "upstream" work, then <see cref="QuoteBody.Sample"/> as JSON with a Content-Length
/// (so every configuration frames the body the same way). Counts its calls: a cache that works calls it once.
/// </summary>
internal sealed class QuoteUpstream
{
    /// <summary>What a real upstream (a database, another service) would take. The delay is the point of the
    /// benchmark: it is what a cache hit saves.</summary>
    public static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(20);

    private long _calls;

    /// <summary>The body's length in bytes; the load generator checks every response against it.</summary>
    public static int BodyLength { get; } = Serialize().Length;

    public long Calls => Volatile.Read(ref _calls);

    public async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _calls);
        await Task.Delay(Latency, context.RequestAborted);
        var body = Serialize();
        var response = context.Response;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, context.RequestAborted);
    }

    private static byte[] Serialize() => JsonSerializer.SerializeToUtf8Bytes(QuoteBody.Sample, QuoteJsonContext.Default.QuoteBody);
}

using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Strata.AspNetCore.Admin;

internal static partial class AdminEndpoints
{
    /// <summary>
    /// <c>GET test</c>: set → get → exists → delete → gone, on one unique short-lived key in the self-test namespace,
    /// through both tiers. 200 when every step did what it should, 503 naming the first step that did not.
    /// </summary>
    private static async Task<IResult> SelfTestAsync(StrataCache cache, IOptions<StrataAdminOptions> options, CancellationToken cancellationToken)
    {
        var ns = cache.Namespace(options.Value.SelfTestNamespace);
        var key = "selftest-" + Guid.NewGuid().ToString("N");
        var value = Guid.NewGuid().ToString("N");
        var entry = new StrataEntryOptions { Duration = TimeSpan.FromSeconds(30) };
        var steps = new List<object>(5);
        string? failed = null;

        async Task Step(string name, Func<Task<(bool Ok, string? Detail)>> run)
        {
            if (failed is not null)
            {
                return;
            }

            var started = Stopwatch.GetTimestamp();
            bool ok;
            string? detail;
            try
            {
                (ok, detail) = await run().ConfigureAwait(false);
            }
            catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                (ok, detail) = (false, error.GetType().Name + ": " + error.Message);
            }

            steps.Add(new { step = name, ok, milliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds, detail });
            if (!ok)
            {
                failed = name;
            }
        }

        await Step("set", async () =>
        {
            await ns.SetAsync(key, value, entry, cancellationToken: cancellationToken).ConfigureAwait(false);
            return (true, null);
        }).ConfigureAwait(false);
        await Step("get", async () =>
        {
            var read = await ns.TryGetAsync<string>(key, cancellationToken).ConfigureAwait(false);
            return read is { } r && r.Value == value ? (true, $"from {r.Tier}") : (false, "the value read back differs from the value written");
        }).ConfigureAwait(false);
        await Step("exists", async () =>
        {
            var read = await ns.GetManyAsync<string>([key], cancellationToken).ConfigureAwait(false);
            return read.ContainsKey(key) ? (true, null) : (false, "the key was not found by a batch read");
        }).ConfigureAwait(false);
        await Step("delete", async () =>
        {
            await ns.RemoveAsync(key, cancellationToken).ConfigureAwait(false);
            return (true, null);
        }).ConfigureAwait(false);
        await Step("gone", async () =>
        {
            var read = await ns.TryGetAsync<string>(key, cancellationToken).ConfigureAwait(false);
            return read is null ? (true, null) : (false, "the key was still readable after delete");
        }).ConfigureAwait(false);

        var body = new { ok = failed is null, failedStep = failed, @namespace = ns.NamespaceName, steps };
        return failed is null ? TypedResults.Ok(body) : TypedResults.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}

using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Strata.Benchmarks.TravelDesk;

/// <summary>
/// Reads the counters the report compares, over a client of its own (not the load's connections): the supplier's
/// <c>/stats</c> (calls it received), TravelDesk's <c>/metrics</c> (database statements) and <c>/cache/stats</c>.
/// </summary>
internal static class ServiceProbe
{
    /// <summary>TravelDesk.Data's counter of SQL statements, as <c>/metrics</c> names it.</summary>
    public const string DatabaseQueries = "traveldesk_db_queries_total";

    public static HttpClient CreateClient() => new(new SocketsHttpHandler { UseProxy = false, UseCookies = false })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>Waits until <c>/health/ready</c> answers 200 (the database seeded, warm-up done).</summary>
    public static async Task WaitReadyAsync(HttpClient client, Uri instance, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        string last = "no answer";
        while (true)
        {
            try
            {
                using var response = await client.GetAsync(new Uri(instance, "health/ready"), deadline.Token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(deadline.Token).ConfigureAwait(false)}";
            }
            catch (HttpRequestException error)
            {
                last = error.Message;
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                break;
            }

            try
            {
                await Task.Delay(200, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                break;
            }
        }

        throw new TimeoutException($"{instance}health/ready did not answer 200 within {timeout.TotalSeconds:0} s (last: {last}).");
    }

    /// <summary>The supplier's received calls so far, per operation (flights, hotels, ..., airports), from <c>GET /stats</c>.</summary>
    public static async Task<SupplierCalls> ReadSupplierCallsAsync(HttpClient client, Uri supplier, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri(supplier, "stats"), cancellationToken).ConfigureAwait(false));
        var perOperation = new SortedDictionary<string, long>(StringComparer.Ordinal);
        long rateLimited = 0;
        foreach (var operation in document.RootElement.GetProperty("operations").EnumerateArray())
        {
            perOperation[operation.GetProperty("operation").GetString() ?? "?"] = operation.GetProperty("requests").GetInt64();
            rateLimited += operation.TryGetProperty("rateLimited", out var limited) ? limited.GetInt64() : 0;
        }

        return new SupplierCalls(perOperation, rateLimited);
    }

    /// <summary>The sum of every sample of a Prometheus family in TravelDesk's <c>/metrics</c> (0 when absent).</summary>
    public static async Task<double> ReadMetricSumAsync(HttpClient client, Uri instance, string family, CancellationToken cancellationToken)
    {
        var text = await client.GetStringAsync(new Uri(instance, "metrics"), cancellationToken).ConfigureAwait(false);
        return SumFamily(text, family);
    }

    /// <summary>Sums the samples named exactly <paramref name="family"/> (with or without labels) in exposition text.</summary>
    public static double SumFamily(string text, string family)
    {
        double sum = 0;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#' || !line.StartsWith(family, StringComparison.Ordinal) || line.Length == family.Length)
            {
                continue;
            }

            var next = line[family.Length];
            if (next != '{' && next != ' ')
            {
                continue;
            }

            // The value follows the labels (whose values may hold spaces): after the closing brace, else the name.
            var valueStart = next == '{' ? line.LastIndexOf('}') + 1 : family.Length;
            var fields = line[valueStart..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 0 && double.TryParse(fields[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                sum += value;
            }
        }

        return sum;
    }

    /// <summary>The engine's counters from the admin API <c>GET /cache/stats</c> (needs the admin key).</summary>
    public static async Task<EngineStats?> ReadEngineStatsAsync(HttpClient client, Uri instance, string adminKey, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(instance, "cache/stats"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
        using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        var root = document.RootElement;
        var hits = root.GetProperty("hits");
        return new EngineStats(
            hits.GetProperty("l1").GetInt64(),
            hits.GetProperty("l2").GetInt64(),
            root.GetProperty("misses").GetInt64(),
            root.TryGetProperty("staleServed", out var stale) ? stale.GetInt64() : 0,
            root.TryGetProperty("l2", out var l2) && l2.TryGetProperty("tier", out var tier) ? tier.ToString() : null);
    }
}

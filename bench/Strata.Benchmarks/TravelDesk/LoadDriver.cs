using System.Diagnostics;
using System.Net;
using System.Text;

namespace Strata.Benchmarks.TravelDesk;

/// <summary>
/// Sends a fixed list of requests with a fixed number in flight (closed loop: each of N workers takes the next request
/// when its previous one is done), over keep-alive HTTP/1.1 connections, and records every outcome. The list is
/// deterministic; with N workers the order in which requests start is too, only their interleaving is not.
/// </summary>
internal static class LoadDriver
{
    private const int BodyExcerpt = 300;

    /// <summary>A client for load: up to <paramref name="connections"/> connections per instance, no proxy, no cookies.</summary>
    public static HttpClient CreateClient(int connections) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        UseProxy = false,
        UseCookies = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        ConnectTimeout = TimeSpan.FromSeconds(10),
    })
    {
        // A request slower than this is a failure of the run, not a latency sample.
        Timeout = TimeSpan.FromSeconds(60),
    };

    /// <summary>
    /// Sends every request (request i to <c>instances[instanceOf(i)]</c>) with <paramref name="concurrency"/> in flight,
    /// showing a progress bar named <paramref name="label"/>; the outcomes are in request order.
    /// </summary>
    public static async Task<RequestOutcome[]> RunAsync(
        HttpClient client, IReadOnlyList<TravelRequest> requests, IReadOnlyList<Uri> instances, Func<int, int> instanceOf,
        int concurrency, string label, CancellationToken cancellationToken)
    {
        var outcomes = new RequestOutcome[requests.Count];
        var next = -1;
        var completed = 0;
        await using (new ProgressBar(label, requests.Count, () => Volatile.Read(ref completed)))
        {
            var workers = new Task[Math.Min(concurrency, Math.Max(1, requests.Count))];
            for (var w = 0; w < workers.Length; w++)
            {
                workers[w] = Task.Run(
                    async () =>
                    {
                        int index;
                        while ((index = Interlocked.Increment(ref next)) < requests.Count)
                        {
                            var instance = instanceOf(index);
                            outcomes[index] = await SendAsync(client, instances[instance], instance, requests[index], cancellationToken).ConfigureAwait(false);
                            Interlocked.Increment(ref completed);
                        }
                    },
                    cancellationToken);
            }

            await Task.WhenAll(workers).ConfigureAwait(false);
        }

        return outcomes;
    }

    /// <summary>Sends one request and reads the whole body (latency includes it).</summary>
    public static async Task<RequestOutcome> SendAsync(HttpClient client, Uri instance, int instanceIndex, TravelRequest request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var message = new HttpRequestMessage(request.Method, new Uri(instance, request.PathAndQuery));
            if (request.JsonBody is { } body)
            {
                message.Content = new StringContent(body, Encoding.UTF8, "application/json");
            }

            using var response = await client.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var elapsed = Stopwatch.GetTimestamp() - started;
            var status = (int)response.StatusCode;
            return new RequestOutcome(
                request, instanceIndex, status, elapsed, Header(response, "X-Cache"), Header(response, "X-Cache-Tier"),
                status is >= 200 and < 300 ? null : text[..Math.Min(text.Length, BodyExcerpt)], null);
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException or IOException && !cancellationToken.IsCancellationRequested)
        {
            return new RequestOutcome(request, instanceIndex, 0, Stopwatch.GetTimestamp() - started, null, null, null, error.Message);
        }
    }

    /// <summary>Sends one request and returns the body too (the demo reads titles).</summary>
    public static async Task<(RequestOutcome Outcome, string Body)> SendReadingAsync(
        HttpClient client, Uri instance, int instanceIndex, TravelRequest request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var message = new HttpRequestMessage(request.Method, new Uri(instance, request.PathAndQuery));
        if (request.JsonBody is { } body)
        {
            message.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var outcome = new RequestOutcome(
            request, instanceIndex, (int)response.StatusCode, Stopwatch.GetTimestamp() - started,
            Header(response, "X-Cache"), Header(response, "X-Cache-Tier"), response.IsSuccessStatusCode ? null : text, null);
        return (outcome, text);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}

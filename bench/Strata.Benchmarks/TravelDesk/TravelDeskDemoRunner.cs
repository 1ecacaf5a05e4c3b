using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Strata.Benchmarks.TravelDesk;

/// <summary>
/// The narrated demo (mode <c>traveldesk-demo</c>, driven by scripts/demo.sh, which starts the processes): a short
/// realistic workload spread over two TravelDesk instances, then the same searches forced to the supplier
/// (<c>skipCache=true</c>) and served from the cache, then a template edited on A and read on B. Prints what happened
/// in plain words and numbers. Exit code 1 when a request failed.
/// </summary>
internal static class TravelDeskDemoRunner
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan PropagationTimeout = TimeSpan.FromSeconds(3);

    public static async Task<int> RunAsync(TravelDeskDemoOptions options, CancellationToken cancellationToken)
    {
        Uri[] instances = [options.InstanceA, options.InstanceB];
        string[] names = ["A", "B"];
        using var probe = ServiceProbe.CreateClient();
        using var client = LoadDriver.CreateClient(options.Concurrency);
        foreach (var instance in instances)
        {
            await ServiceProbe.WaitReadyAsync(probe, instance, ReadyTimeout, cancellationToken).ConfigureAwait(false);
        }

        var failures = 0;
        var workload = new TravelWorkload(options.Seed, DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime));
        var requests = workload.Generate(options.Requests, options.Seed);

        // 1. The workload, request i on instance i % 2: a popular search first asked on A is soon asked on B.
        Console.WriteLine();
        Console.WriteLine(Invariant($"1. Workload: {requests.Length} requests, {options.Concurrency} at a time, alternating between A and B"));
        Console.WriteLine($"   ({workload.Describe()})");
        var engineBefore = await ReadEngineAsync(probe, instances, options.AdminKey, cancellationToken).ConfigureAwait(false);
        var callsBefore = await ServiceProbe.ReadSupplierCallsAsync(probe, options.Supplier, cancellationToken).ConfigureAwait(false);
        var started = Stopwatch.GetTimestamp();
        var outcomes = await LoadDriver.RunAsync(client, requests, instances, static i => i % 2, options.Concurrency, "workload", cancellationToken).ConfigureAwait(false);
        var wall = Stopwatch.GetElapsedTime(started);
        var calls = (await ServiceProbe.ReadSupplierCallsAsync(probe, options.Supplier, cancellationToken).ConfigureAwait(false)).Since(callsBefore);
        var engineAfter = await ReadEngineAsync(probe, instances, options.AdminKey, cancellationToken).ConfigureAwait(false);
        failures += ReportFailures(outcomes);

        Console.WriteLine(Invariant(
            $"   Done in {wall.TotalSeconds:F1} s ({outcomes.Length / wall.TotalSeconds:F0} requests/s). {Percent(OutcomeStats.HitRatio(outcomes))} of all answers came from the cache (X-Cache HIT or STALE): {Percent(OutcomeStats.HitRatio(outcomes[..(outcomes.Length / 2)]))} in the first half, {Percent(OutcomeStats.HitRatio(outcomes[(outcomes.Length / 2)..]))} in the second as it warmed up."));
        for (var i = 0; i < instances.Length; i++)
        {
            var mine = outcomes.Where(o => o.Instance == i).ToArray();
            var tiers = mine.Where(static o => o.Tier is not null).GroupBy(static o => o.Tier!).ToDictionary(static g => g.Key, static g => g.Count(), StringComparer.Ordinal);
            Console.WriteLine(Invariant(
                $"   Instance {names[i]}: {mine.Length} requests, {Percent(OutcomeStats.HitRatio(mine))} from cache (searches {Percent(OutcomeStats.HitRatio(mine.Where(static o => o.Request.Kind.IsSearch())))}, database reads {Percent(OutcomeStats.HitRatio(mine.Where(static o => !o.Request.Kind.IsSearch())))}); p50 {OutcomeStats.PercentileMs(mine, 50):F0} ms, p99 {OutcomeStats.PercentileMs(mine, 99):F0} ms"));
            Console.WriteLine(Invariant(
                $"     searches and recommendations answered by tier (X-Cache-Tier): memory L1 {tiers.GetValueOrDefault("l1")}, Redis L2 {tiers.GetValueOrDefault("l2")}, source (supplier or database) {tiers.GetValueOrDefault("source")}"));
            if (engineBefore[i] is { } before && engineAfter[i] is { } after)
            {
                var delta = after.Since(before);
                Console.WriteLine(Invariant(
                    $"     the cache engine's own counters (/cache/stats, every read incl. HTTP responses): L1 hits {delta.L1Hits}, L2 hits {delta.L2Hits}, misses {delta.Misses} -> hit ratio {Percent(delta.HitRatio)}"));
            }
        }

        if (!options.Redis)
        {
            Console.WriteLine("   (no Redis: each instance has its own memory cache only, so B cannot reuse what A fetched; L2 stays 0)");
        }

        var searchesServed = outcomes.Count(static o => o.Request.Kind.IsSearch() && o.Succeeded);
        Console.WriteLine(Invariant(
            $"   Supplier: {searchesServed} searches answered to users, the supplier was asked {calls.Searches} times: {searchesServed - calls.Searches} calls saved ({Percent(OutcomeStats.Reduction(searchesServed, calls.Searches))})."));
        if (calls.RateLimited > 0)
        {
            Console.WriteLine(Invariant($"   The supplier refused {calls.RateLimited} calls with 429 (its per-minute limit)."));
        }

        // 2. The same searches without the cache, then from the cache: a sample spread over the whole workload.
        var searches = requests.Select(static (r, i) => (Request: r, Index: i)).Where(static p => p.Request.Kind.IsSearch()).ToArray();
        var step = Math.Max(1, searches.Length / options.Replay);
        var replay = searches.Where((_, i) => i % step == 0).Take(options.Replay).ToArray();
        Console.WriteLine();
        Console.WriteLine(Invariant(
            $"2. With and without the cache: {(step == 1 ? "all " + replay.Length : Invariant($"{replay.Length} (every {Ordinal(step)})"))} of the workload's searches again, each on the instance that served it"));
        var forced = await LoadDriver.RunAsync(
            client, [.. replay.Select(static p => p.Request.WithSkipCache())], instances, i => replay[i].Index % 2, options.Concurrency, "skipCache", cancellationToken).ConfigureAwait(false);
        var cached = await LoadDriver.RunAsync(
            client, [.. replay.Select(static p => p.Request)], instances, i => replay[i].Index % 2, options.Concurrency, "cached", cancellationToken).ConfigureAwait(false);
        failures += ReportFailures(forced) + ReportFailures(cached);
        var asServed = replay.Select(p => outcomes[p.Index]).ToArray();
        Console.WriteLine($"   {"forced to the supplier (skipCache=true)",-44}{Latency(forced)}");
        Console.WriteLine($"   {$"as served in the workload ({Percent(OutcomeStats.HitRatio(asServed))} hits)",-44}{Latency(asServed)}");
        Console.WriteLine($"   {$"asked again now ({Percent(OutcomeStats.HitRatio(cached))} hits)",-44}{Latency(cached)}");
        Console.WriteLine(Invariant(
            $"   -> the cache cut the average search by {Percent(OutcomeStats.Reduction(Mean(forced), Mean(asServed)))} during the workload (a cold start: most searches were asked for the first time) and by {Percent(OutcomeStats.Reduction(Mean(forced), Mean(cached)))} for searches it has seen"));

        // 3. An edit on A, read on B.
        Console.WriteLine();
        Console.WriteLine(Invariant($"3. Invalidation: trip template {options.TemplateId} read on B, edited on A, read on B again"));
        failures += await InvalidationAsync(client, options, cancellationToken).ConfigureAwait(false);

        if (failures > 0)
        {
            Console.WriteLine(Invariant($"{failures} requests failed (listed above)."));
        }

        return failures > 0 ? 1 : 0;
    }

    private static async Task<int> InvalidationAsync(HttpClient client, TravelDeskDemoOptions options, CancellationToken cancellationToken)
    {
        var path = Invariant($"api/templates/{options.TemplateId}");
        var get = new TravelRequest(RequestKind.Template, HttpMethod.Get, path, null);
        var (first, firstBody) = await LoadDriver.SendReadingAsync(client, options.InstanceB, 1, get, cancellationToken).ConfigureAwait(false);
        var (second, secondBody) = await LoadDriver.SendReadingAsync(client, options.InstanceB, 1, get, cancellationToken).ConfigureAwait(false);
        if (!first.Succeeded || !second.Succeeded)
        {
            Console.WriteLine(Invariant($"   GET /{path} on B answered {first.Status}/{second.Status}: {first.Body ?? second.Body}"));
            return 1;
        }

        var oldTitle = Title(secondBody);
        Console.WriteLine(Invariant($"   GET on B: X-Cache {first.Cache ?? "-"}, then {second.Cache ?? "-"} ({second.Milliseconds:F1} ms): \"{oldTitle}\""));

        var newTitle = Invariant($"{BaseTitle(oldTitle)} (edited {TimeProvider.System.GetUtcNow():HH:mm:ss})");
        var put = new TravelRequest(RequestKind.Template, HttpMethod.Put, path, JsonSerializer.Serialize(new Dictionary<string, string> { ["title"] = newTitle }));
        var (edit, _) = await LoadDriver.SendReadingAsync(client, options.InstanceA, 0, put, cancellationToken).ConfigureAwait(false);
        if (!edit.Succeeded)
        {
            Console.WriteLine(Invariant($"   PUT /{path} on A answered {edit.Status}: {edit.Body}"));
            return 1;
        }

        Console.WriteLine(Invariant($"   PUT on A: {edit.Status}, title now \"{newTitle}\" (A evicts tag template:{options.TemplateId} on every node it can reach)"));
        var edited = Stopwatch.GetTimestamp();
        RequestOutcome? last = null;
        var reads = 0;
        while (true)
        {
            var (read, body) = await LoadDriver.SendReadingAsync(client, options.InstanceB, 1, get, cancellationToken).ConfigureAwait(false);
            reads++;
            last = read;
            var title = read.Succeeded ? Title(body) : null;
            if (title == newTitle)
            {
                Console.WriteLine(Invariant(
                    $"   GET on B: X-Cache {read.Cache ?? "-"}: \"{title}\" -> B saw A's edit {Stopwatch.GetElapsedTime(edited).TotalMilliseconds:F0} ms after the PUT returned (read {reads} time{(reads == 1 ? string.Empty : "s")})"));
                return 0;
            }

            if (Stopwatch.GetElapsedTime(edited) > PropagationTimeout)
            {
                Console.WriteLine(Invariant($"   GET on B: X-Cache {last.Cache ?? "-"}: still \"{title}\" after {PropagationTimeout.TotalSeconds:0} s"));
                Console.WriteLine(options.Redis
                    ? "   -> the invalidation did not reach B: that is a bug (with Redis, A's eviction is published to every instance)"
                    : "   -> expected without Redis: B keeps serving its own memory copy until it expires (templates: 5 min); with Redis, A's eviction reaches every instance");
                return options.Redis ? 1 : 0;
            }

            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<EngineStats?[]> ReadEngineAsync(HttpClient probe, Uri[] instances, string adminKey, CancellationToken cancellationToken)
    {
        var stats = new EngineStats?[instances.Length];
        for (var i = 0; i < instances.Length; i++)
        {
            stats[i] = await ServiceProbe.ReadEngineStatsAsync(probe, instances[i], adminKey, cancellationToken).ConfigureAwait(false);
        }

        return stats;
    }

    private static int ReportFailures(RequestOutcome[] outcomes)
    {
        var failed = outcomes.Where(static o => !o.Succeeded).ToArray();
        foreach (var outcome in failed.Take(5))
        {
            Console.WriteLine(Invariant($"   failed: {outcome.Status} {outcome.Request.Method} {outcome.Request.PathAndQuery} {outcome.Error ?? outcome.Body}"));
        }

        return failed.Length;
    }

    private static string? Title(string json)
    {
        using var document = JsonDocument.Parse(json);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (string.Equals(property.Name, "title", StringComparison.OrdinalIgnoreCase))
            {
                return property.Value.GetString();
            }
        }

        return null;
    }

    // A second demo run against the same database edits the same template again; keep one suffix, not a growing chain.
    private static string BaseTitle(string? title)
    {
        title ??= "Trip";
        var suffix = title.IndexOf(" (edited ", StringComparison.Ordinal);
        return suffix < 0 ? title : title[..suffix];
    }

    private static double Mean(RequestOutcome[] outcomes) => outcomes.Length == 0 ? 0 : outcomes.Average(static o => o.Milliseconds);

    private static string Latency(RequestOutcome[] outcomes) => Invariant(
        $"mean {Mean(outcomes),7:F1} ms   p50 {OutcomeStats.PercentileMs(outcomes, 50),7:F1} ms   p99 {OutcomeStats.PercentileMs(outcomes, 99),7:F1} ms");

    private static string Ordinal(int n) => n switch
    {
        2 => "2nd",
        3 => "3rd",
        _ => Invariant($"{n}th"),
    };

    private static string Percent(double share) => Invariant($"{share * 100:F0}%");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

using System.Diagnostics.Metrics;
using Strata.AspNetCore.Metrics;

namespace Strata.AspNetCore.Tests.Metrics;

public sealed class StrataMetricsCollectorTests
{
    [Fact]
    public void GetCounterTotal_TagsInAnyOrder_AddUpInOneSeries()
    {
        using var scope = new CollectorScope();
        var counter = scope.Meter.CreateCounter<long>("app.orders", "{order}", "Orders placed.");

        counter.Add(2, new("region", "eu"), new("channel", "web"));
        counter.Add(3, new("channel", "web"), new("region", "eu"));
        counter.Add(7, new("channel", "app"), new("region", "eu"));

        scope.Collector.GetCounterTotal("app.orders", ("channel", "web"), ("region", "eu")).ShouldBe(5);
        scope.Collector.GetCounterTotal("app.orders").ShouldBe(12);
        scope.Collector.GetCounterTotalsBy("app.orders", "channel").ShouldBe(new Dictionary<string, double> { ["web"] = 5, ["app"] = 7 }, ignoreOrder: true);
        scope.Scrape().Samples("app_orders_total").Count().ShouldBe(2);
    }

    [Fact]
    public void Record_TagSetSeenBefore_DoesNotAllocate()
    {
        using var scope = new CollectorScope();
        var counter = scope.Meter.CreateCounter<long>("app.reads");
        var histogram = scope.Meter.CreateHistogram<double>("app.read.duration", "s");
        for (var i = 0; i < 100; i++)
        {
            counter.Add(1, new("tier", "l1"), new("result", "hit"));
            histogram.Record(0.001, new KeyValuePair<string, object?>("result", "hit"));
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            counter.Add(1, new("tier", "l1"), new("result", "hit"));
            histogram.Record(0.001, new KeyValuePair<string, object?>("result", "hit"));
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBe(0);
        scope.Collector.GetCounterTotal("app.reads").ShouldBe(10_100);
    }

    [Fact]
    public void Record_IntDoubleAndUpDown_AreSummedPerType()
    {
        using var scope = new CollectorScope();
        scope.Meter.CreateCounter<int>("app.ints").Add(4);
        var doubles = scope.Meter.CreateCounter<double>("app.doubles", "s");
        doubles.Add(0.25);
        doubles.Add(0.5);
        var waiting = scope.Meter.CreateUpDownCounter<long>("app.waiting");
        waiting.Add(3);
        waiting.Add(-1);

        scope.Collector.GetCounterTotal("app.ints").ShouldBe(4);
        scope.Collector.GetCounterTotal("app.doubles").ShouldBe(0.75);
        scope.Collector.GetGaugeValues("app.waiting").Single().Value.ShouldBe(2);
        var scrape = scope.Scrape();
        scrape.Family("app_doubles_seconds_total").Type.ShouldBe("counter");
        scrape.Sum("app_doubles_seconds_total").ShouldBe(0.75);
        scrape.Family("app_waiting").Type.ShouldBe("gauge");
        scrape.Sum("app_waiting").ShouldBe(2);
    }

    [Fact]
    public void Histogram_WithAdvice_UsesAdvisedBuckets()
    {
        using var scope = new CollectorScope();
        var histogram = scope.Meter.CreateHistogram<double>(
            "app.duration", "s", "How long.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.2, 0.4] });

        histogram.Record(0.05);
        histogram.Record(0.15);
        histogram.Record(0.15);
        histogram.Record(3);

        var snapshot = scope.Collector.GetHistogram("app.duration").ShouldNotBeNull();
        snapshot.Bounds.ShouldBe([0.1, 0.2, 0.4]);
        snapshot.BucketCounts.ShouldBe([1, 2, 0, 1]);
        snapshot.Sum.ShouldBe(3.35, 1e-12);
        var scrape = scope.Scrape();
        scrape.Sum("app_duration_seconds_bucket", ("le", "0.1")).ShouldBe(1);
        scrape.Sum("app_duration_seconds_bucket", ("le", "0.2")).ShouldBe(3);
        scrape.Sum("app_duration_seconds_bucket", ("le", "0.4")).ShouldBe(3);
        scrape.Sum("app_duration_seconds_bucket", ("le", "+Inf")).ShouldBe(4);
        scrape.Sum("app_duration_seconds_count").ShouldBe(4);
    }

    [Fact]
    public void Histogram_WithoutAdvice_UsesOpenTelemetryDefaultBuckets()
    {
        using var scope = new CollectorScope();
        scope.Meter.CreateHistogram<long>("app.size", "By").Record(60);
        scope.Meter.CreateHistogram<double>("app.wait", "s").Record(0.06);

        scope.Collector.GetHistogram("app.size").ShouldNotBeNull().Bounds.ShouldBe(InstrumentAggregator.DefaultBounds);
        scope.Collector.GetHistogram("app.wait").ShouldNotBeNull().Bounds.ShouldBe(InstrumentAggregator.DefaultSecondsBounds);
        scope.Scrape().Sum("app_size_bytes_bucket", ("le", "75")).ShouldBe(1);
    }

    [Fact]
    public void GetHistogramQuantilesBy_GroupTag_EstimatesPerGroup()
    {
        using var scope = new CollectorScope();
        var histogram = scope.Meter.CreateHistogram<double>(
            "app.duration", "s", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 2, 4] });
        for (var i = 0; i < 10; i++)
        {
            histogram.Record(0.5, new KeyValuePair<string, object?>("namespace", "a"));
            histogram.Record(3, new KeyValuePair<string, object?>("namespace", "b"));
        }

        var byNamespace = scope.Collector.GetHistogramQuantilesBy("app.duration", "namespace");

        byNamespace["a"].Count.ShouldBe(10);
        byNamespace["a"].P50.ShouldNotBeNull().ShouldBe(0.5, 1e-12);
        byNamespace["b"].P50.ShouldNotBeNull().ShouldBe(3, 1e-12);
        byNamespace["b"].P99.ShouldNotBeNull().ShouldBe(3.98, 1e-12);
        scope.Collector.GetHistogramQuantiles("app.duration").P50.ShouldNotBeNull().ShouldBe(1, 1e-12);
        scope.Collector.GetHistogramQuantiles("app.missing").ShouldBe(HistogramQuantiles.Empty);
    }

    [Fact]
    public void ObservableGauge_SeriesNoLongerReported_IsNotExposed()
    {
        using var scope = new CollectorScope();
        var policies = new List<string> { "search", "book" };
        scope.Meter.CreateObservableGauge(
            "app.usage", () => policies.Select(p => new Measurement<double>(0.5, new KeyValuePair<string, object?>("policy", p))), "1", "Usage.");

        scope.Scrape().Samples("app_usage_ratio").Count().ShouldBe(2);
        policies.Remove("book");

        var scrape = scope.Scrape();
        scrape.Samples("app_usage_ratio").Single().Labels["policy"].ShouldBe("search");
    }

    [Fact]
    public void GetGaugeValues_ObservableInstrument_RunsOnlyThatCallback()
    {
        using var scope = new CollectorScope();
        var bytesCalls = 0;
        var usageCalls = 0;
        scope.Meter.CreateObservableGauge("app.bytes", () => { bytesCalls++; return 42L; }, "By");
        scope.Meter.CreateObservableGauge("app.usage", () => { usageCalls++; return 0.5; }, "1");

        scope.Collector.GetGaugeValues("app.bytes").Single().Value.ShouldBe(42);
        scope.Collector.GetGaugeValues("app.bytes").Single().Value.ShouldBe(42);

        bytesCalls.ShouldBe(2);
        usageCalls.ShouldBe(0);
    }

    [Fact]
    public void ObservableCounter_Exposed_AsCounterOfItsLastTotal()
    {
        using var scope = new CollectorScope();
        var total = 10L;
        scope.Meter.CreateObservableCounter("app.flushes", () => total, "{flush}");

        scope.Scrape().Sum("app_flushes_total").ShouldBe(10);
        total = 15;
        scope.Scrape().Sum("app_flushes_total").ShouldBe(15);
        scope.Collector.GetCounterTotal("app.flushes").ShouldBe(15);
    }

    [Fact]
    public void Record_MoreTagSetsThanTheLimit_OverflowSeriesTakesTheRest()
    {
        using var scope = new CollectorScope(options => options.MaxSeriesPerInstrument = 3);
        var counter = scope.Meter.CreateCounter<long>("app.hits");
        for (var i = 0; i < 5; i++)
        {
            counter.Add(1, new KeyValuePair<string, object?>("route", $"/r{i}"));
        }

        counter.Add(1, new KeyValuePair<string, object?>("route", "/r0"));

        var scrape = scope.Scrape();
        scrape.Samples("app_hits_total").Count().ShouldBe(4);
        scrape.Sum("app_hits_total", ("route", "/r0")).ShouldBe(2);
        scrape.Sum("app_hits_total", ("otel_metric_overflow", "true")).ShouldBe(2);
    }

    [Fact]
    public void Scrape_HelpAndLabelValuesWithSpecialCharacters_AreEscaped()
    {
        using var scope = new CollectorScope();
        scope.Meter.CreateCounter<long>("app.odd", description: "Line one\nline \\ two").Add(1, new KeyValuePair<string, object?>("path", "C:\\x \"y\"\nz"));

        var scrape = scope.Scrape();

        scrape.Family("app_odd_total").Help.ShouldBe("Line one\nline \\ two");
        scrape.Samples("app_odd_total", ("path", "C:\\x \"y\"\nz")).Single().Value.ShouldBe(1);
    }

    [Fact]
    public void Collector_MeterOfAnotherContainer_IsNotCollected()
    {
        using var first = new CollectorScope();
        using var second = new CollectorScope();
        first.Meter.CreateCounter<long>("app.orders").Add(1);
        second.Meter.CreateCounter<long>("app.orders").Add(10);

        first.Collector.GetCounterTotal("app.orders").ShouldBe(1);
        second.Collector.GetCounterTotal("app.orders").ShouldBe(10);
    }

    [Fact]
    public void Collector_UnscopedMeter_CollectedOnlyWhenAllowed()
    {
        var name = "Strata.Tests.Unscoped." + Guid.NewGuid().ToString("N");
        using var excluded = new CollectorScope(options => options.AdditionalMeters.Add(name));
        using var included = new CollectorScope(options =>
        {
            options.AdditionalMeters.Add(name);
            options.IncludeUnscopedMeters = true;
        });
        using var meter = new Meter(name);

        meter.CreateCounter<long>("app.global").Add(3);

        excluded.Collector.GetCounterTotal("app.global").ShouldBe(0);
        included.Collector.GetCounterTotal("app.global").ShouldBe(3);
    }

    [Fact]
    public void Collector_MeterFilter_AddsMatchingMeters()
    {
        using var scope = new CollectorScope(options => options.MeterFilter = static meter => meter.Name.StartsWith("Shop.", StringComparison.Ordinal));
        scope.MeterFactory.Create("Shop.Orders").CreateCounter<long>("shop.orders").Add(2);
        scope.MeterFactory.Create("Other").CreateCounter<long>("other.things").Add(2);

        scope.Collector.GetCounterTotal("shop.orders").ShouldBe(2);
        scope.Collector.InstrumentNames.ShouldNotContain("other.things");
    }

    [Fact]
    public void Collector_ContainerDisposed_StopsListening()
    {
        var scope = new CollectorScope();
        var counter = scope.Meter.CreateCounter<long>("app.orders");
        counter.Add(1);
        var collector = scope.Collector;

        scope.Dispose();
        counter.Add(1);

        collector.Families.ShouldBeEmpty();
    }

    [Fact]
    public void Scrape_SpecialAndLargeDoubles_SpelledAsPrometheusDoes()
    {
        using var scope = new CollectorScope();
        scope.Meter.CreateObservableGauge("app.up", () => double.PositiveInfinity);
        scope.Meter.CreateObservableGauge("app.down", () => double.NegativeInfinity);
        scope.Meter.CreateObservableGauge("app.unknown", () => double.NaN);
        scope.Meter.CreateObservableGauge("app.big", () => 1e20);
        scope.Meter.CreateObservableGauge("app.small", () => 0.1);

        var text = scope.ScrapeText();

        text.ShouldContain("app_up +Inf\n");
        text.ShouldContain("app_down -Inf\n");
        text.ShouldContain("app_unknown NaN\n");
        text.ShouldContain("app_big 1e+20\n");
        text.ShouldContain("app_small 0.1\n");
        PrometheusTextParser.Parse(text).Sum("app_big").ShouldBe(1e20);
    }

    [Fact]
    public void Record_ManyThreads_LosesNoMeasurement()
    {
        using var scope = new CollectorScope();
        var counter = scope.Meter.CreateCounter<long>("app.reads");
        var histogram = scope.Meter.CreateHistogram<double>("app.read.duration", "s", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1] });

        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, worker =>
        {
            var tag = new KeyValuePair<string, object?>("tier", worker % 2 == 0 ? "l1" : "l2");
            for (var i = 0; i < 50_000; i++)
            {
                counter.Add(1, tag);
                histogram.Record(0.5, tag);
            }
        });

        scope.Collector.GetCounterTotal("app.reads").ShouldBe(400_000);
        scope.Collector.GetCounterTotal("app.reads", ("tier", "l2")).ShouldBe(200_000);
        var histogramTotal = scope.Collector.GetHistogram("app.read.duration").ShouldNotBeNull();
        histogramTotal.BucketCounts.ShouldBe([400_000, 0]);
        histogramTotal.Sum.ShouldBe(200_000);
    }
}

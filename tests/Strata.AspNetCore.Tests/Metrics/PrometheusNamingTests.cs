using Strata.AspNetCore.Metrics;

namespace Strata.AspNetCore.Tests.Metrics;

public sealed class PrometheusNamingTests
{
    [Theory]
    [InlineData("strata.cache.requests", "{request}", "Counter", "strata_cache_requests_total")]
    [InlineData("strata.cache.factory.duration", "s", "Histogram", "strata_cache_factory_duration_seconds")]
    [InlineData("strata.cache.l1.bytes", "By", "Gauge", "strata_cache_l1_bytes")]
    [InlineData("strata.cache.l1.size", "By", "Gauge", "strata_cache_l1_size_bytes")]
    [InlineData("strata.cache.l1.entries", "{entry}", "Gauge", "strata_cache_l1_entries")]
    [InlineData("strata.ratelimit.usage", "1", "Gauge", "strata_ratelimit_usage_ratio")]
    [InlineData("app.things", "1", "Counter", "app_things_total")]
    [InlineData("app.latency", "ms", "Histogram", "app_latency_milliseconds")]
    [InlineData("app.throughput", "By/s", "Gauge", "app_throughput_bytes_per_second")]
    [InlineData("app.sent.total", "By", "Counter", "app_sent_total_bytes_total")]
    [InlineData("app..odd-name", null, "Gauge", "app_odd_name")]
    [InlineData("9lives", null, "Gauge", "_9lives")]
    [InlineData("app.requests_total", "{request}", "Counter", "app_requests_total")]
    public void MetricName_OpenTelemetryInstrument_FollowsCompatibilityRules(string name, string? unit, string type, string expected)
    {
        PrometheusNaming.MetricName(name, unit, Enum.Parse<MetricType>(type)).ShouldBe(expected);
    }

    [Theory]
    [InlineData("http.response.status_code", "http_response_status_code")]
    [InlineData("1st", "key_1st")]
    [InlineData("__reserved", "key__reserved")]
    [InlineData("tier", "tier")]
    public void LabelName_AnyKey_MatchesLabelGrammar(string key, string expected)
    {
        PrometheusNaming.LabelName(key).ShouldBe(expected);
    }

    [Fact]
    public void FormatLabels_ValuesWithQuotesBackslashesAndNewlines_AreEscaped()
    {
        var tags = TagSet.Create([new("b", "x\"y"), new("a", "c:\\d\ne")]);

        System.Text.Encoding.UTF8.GetString(PrometheusNaming.FormatLabels(tags)).ShouldBe("a=\"c:\\\\d\\ne\",b=\"x\\\"y\"");
    }

    [Fact]
    public void FormatLabels_NamesCollidingAfterSanitising_JoinsValues()
    {
        var tags = TagSet.Create([new("a_b", "2"), new("a.b", "1")]);

        System.Text.Encoding.UTF8.GetString(PrometheusNaming.FormatLabels(tags)).ShouldBe("a_b=\"1;2\"");
    }
}

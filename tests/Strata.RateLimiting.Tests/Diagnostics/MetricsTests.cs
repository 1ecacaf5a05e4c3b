using System.Diagnostics.Metrics;
using Strata.Testing;

namespace Strata.RateLimiting.Tests.Diagnostics;

/// <summary>The <c>Strata.RateLimiting</c> meter: requests by policy and result, queue time, usage per policy.</summary>
public sealed class MetricsTests
{
    [Fact]
    public async Task Decisions_AreCountedByPolicyAndResult_AndUsageIsPerPolicy()
    {
        var policy = "metrics-" + Guid.NewGuid().ToString("N");
        var requests = new List<(long Value, string? Policy, string? Result)>();
        var usage = new List<(double Value, string? Policy)>();
        var queue = new List<(double Value, string? Result)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Strata.RateLimiting")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (instrument.Name == "strata.ratelimit.requests" && Tag(tags, "policy") == policy)
            {
                lock (requests)
                {
                    requests.Add((value, Tag(tags, "policy"), Tag(tags, "result")));
                }
            }
        });
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            if (Tag(tags, "policy") != policy)
            {
                return;
            }

            if (instrument.Name == "strata.ratelimit.usage")
            {
                usage.Add((value, Tag(tags, "policy")));
            }
            else if (instrument.Name == "strata.ratelimit.queue.duration")
            {
                queue.Add((value, Tag(tags, "result")));
            }
        });
        listener.Start();
        var clock = new ManualTimeProvider();
        using var limiter = StrataRateLimiter.CreateGcra(new GcraRateLimiterOptions
        {
            PolicyName = policy, PermitLimit = 4, Window = TimeSpan.FromSeconds(4), QueueLimit = 1, TimeProvider = clock,
        });

        for (var i = 0; i < 6; i++)
        {
            limiter.AttemptAcquire("user-" + (i % 1)).Dispose();
        }

        var queued = limiter.AcquireAsync("user-0");
        clock.Advance(TimeSpan.FromSeconds(1));
        (await queued).IsAcquired.ShouldBeTrue();
        listener.RecordObservableInstruments();

        requests.Count(r => r.Result == "acquired").ShouldBe(5);
        requests.Count(r => r.Result == "rejected").ShouldBe(2);
        usage.ShouldHaveSingleItem().Value.ShouldBe(1.0);
        queue.ShouldHaveSingleItem().Value.ShouldBe(1.0);
        queue[0].Result.ShouldBe("acquired");
    }

    private static string? Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string name)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == name)
            {
                return tag.Value as string;
            }
        }

        return null;
    }
}

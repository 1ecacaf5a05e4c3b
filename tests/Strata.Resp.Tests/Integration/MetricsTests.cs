using System.Diagnostics.Metrics;
using Strata.Testing;

namespace Strata.Resp.Tests.Integration;

/// <summary>The instruments report command durations by name, bytes and in-flight commands.</summary>
public sealed class MetricsTests(RedisServerFixture fixture) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task Commands_RecordDurationByOperationNameAndBytes()
    {
        var durations = new List<(double Seconds, string? Operation)>();
        long sent = 0, received = 0;
        using var meterFactory = new ScopedMeterFactory();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                // Only this test's client: other tests' clients publish on meters of the same name.
                if (instrument.Meter.Name == "Strata.Resp" && ReferenceEquals(instrument.Meter.Scope, meterFactory))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        var gate = new Lock();
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            if (instrument.Name == "strata.resp.operation.duration")
            {
                string? operation = null;
                foreach (var tag in tags)
                {
                    if (tag.Key == "db.operation.name")
                    {
                        operation = tag.Value as string;
                    }
                }

                lock (gate)
                {
                    durations.Add((value, operation));
                }
            }
        });
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == "strata.resp.io.sent")
            {
                Interlocked.Add(ref sent, value);
            }
            else if (instrument.Name == "strata.resp.io.received")
            {
                Interlocked.Add(ref received, value);
            }
        });
        listener.Start();
        var options = RespClientOptions.Parse(fixture.ConnectionString);
        options.MeterFactory = meterFactory;
        await using var client = await RespClient.ConnectAsync(options);

        await client.SetAsync("metrics", "value");
        await client.GetAsync("metrics");
        await client.GetAsync("metrics");

        lock (gate)
        {
            durations.Count(static d => d.Operation == "GET").ShouldBe(2);
            durations.Count(static d => d.Operation == "SET").ShouldBe(1);
            durations.ShouldAllBe(static d => d.Seconds >= 0);
        }

        Interlocked.Read(ref sent).ShouldBeGreaterThan(0);
        Interlocked.Read(ref received).ShouldBeGreaterThan(0);
    }

    private sealed class ScopedMeterFactory : IMeterFactory
    {
        private readonly List<Meter> _meters = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options.Name, options.Version, options.Tags, scope: this);
            _meters.Add(meter);
            return meter;
        }

        public void Dispose()
        {
            foreach (var meter in _meters)
            {
                meter.Dispose();
            }
        }
    }
}

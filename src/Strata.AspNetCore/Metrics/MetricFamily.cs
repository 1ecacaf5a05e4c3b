using System.Text;

namespace Strata.AspNetCore.Metrics;

/// <summary>
/// The instruments exposed under one Prometheus name (usually one; more when meters of the same name from several
/// sources are collected), with the <c># HELP</c> / <c># TYPE</c> header and sample names encoded once.
/// </summary>
internal sealed class MetricFamily
{
    public MetricFamily(InstrumentAggregator first)
    {
        Name = first.Name;
        Type = first.Type;
        Members = [first];
        var header = new StringBuilder();
        if (!string.IsNullOrEmpty(first.Instrument.Description))
        {
            header.Append("# HELP ").Append(Name).Append(' ').Append(PrometheusNaming.EscapeHelp(first.Instrument.Description)).Append('\n');
        }

        header.Append("# TYPE ").Append(Name).Append(' ').Append(Type switch
        {
            MetricType.Counter => "counter",
            MetricType.Histogram => "histogram",
            _ => "gauge",
        }).Append('\n');
        Header = Encoding.UTF8.GetBytes(header.ToString());
        SampleName = Encoding.UTF8.GetBytes(Name);
        BucketName = Encoding.UTF8.GetBytes(Name + "_bucket");
        SumName = Encoding.UTF8.GetBytes(Name + "_sum");
        CountName = Encoding.UTF8.GetBytes(Name + "_count");
    }

    private MetricFamily(MetricFamily source, InstrumentAggregator[] members)
    {
        Name = source.Name;
        Type = source.Type;
        Header = source.Header;
        SampleName = source.SampleName;
        BucketName = source.BucketName;
        SumName = source.SumName;
        CountName = source.CountName;
        Members = members;
    }

    public string Name { get; }

    public MetricType Type { get; }

    public InstrumentAggregator[] Members { get; }

    public byte[] Header { get; }

    public byte[] SampleName { get; }

    public byte[] BucketName { get; }

    public byte[] SumName { get; }

    public byte[] CountName { get; }

    /// <summary>Families are immutable; adding or removing a member makes a new one (registration is rare).</summary>
    public MetricFamily With(InstrumentAggregator member) => new(this, [.. Members, member]);

    public MetricFamily? Without(InstrumentAggregator member)
    {
        var rest = Array.FindAll(Members, m => !ReferenceEquals(m, member));
        return rest.Length == 0 ? null : new MetricFamily(this, rest);
    }
}

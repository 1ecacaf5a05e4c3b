namespace Strata.Envelopes;

/// <summary>A decoded L2 value: the entry's metadata and its (decompressed) serialized payload.</summary>
internal readonly record struct Envelope(
    long CreatedStamp,
    long CreatedAtTicks,
    long FreshUntilTicks,
    long StaleUntilTicks,
    long FactoryDurationTicks,
    uint SerializerId,
    string ETag,
    string[] Tags,
    ReadOnlyMemory<byte> Payload);

using System.Text.Json;
using System.Text.Json.Serialization;

namespace Strata.Benchmarks.Http;

/// <summary>Source-generated serialization of <see cref="QuoteBody"/>, so the upstream's cost does not include
/// reflection warm-up.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(QuoteBody))]
internal sealed partial class QuoteJsonContext : JsonSerializerContext;

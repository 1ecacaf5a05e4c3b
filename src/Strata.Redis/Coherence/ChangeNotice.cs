namespace Strata.Redis.Coherence;

/// <summary>One thing the tier learned about other nodes: keys changed, everything may have changed, or the
/// connection that carries changes went down or came back.</summary>
internal readonly record struct ChangeNotice(ChangeNoticeKind Kind, IReadOnlyList<string>? Keys = null);

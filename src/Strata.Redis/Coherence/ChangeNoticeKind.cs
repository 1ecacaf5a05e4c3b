namespace Strata.Redis.Coherence;

/// <summary>The kinds of <see cref="ChangeNotice"/>.</summary>
internal enum ChangeNoticeKind
{
    Keys,
    All,
    ConnectionLost,
    ConnectionRestored,
}

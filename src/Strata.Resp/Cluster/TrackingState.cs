using Strata.Resp.Tracking;

namespace Strata.Resp.Cluster;

/// <summary>The <c>CLIENT TRACKING</c> a node connection was sent: with which options, and its reply.</summary>
internal sealed record TrackingState(RespTrackingOptions Options, Task Sent);

namespace Strata.Engine;

/// <summary>How a run's attempt at the cross-node lease ended: another node's value arrived, this run holds the lease
/// (release it once the value is written), or a background refresh left the key to the node that holds it. All
/// empty: no lease (L2 failed or the wait ran out), so the run computes the value itself.</summary>
internal readonly record struct LeaseOutcome(L1Entry? Arrived, LeaseRequest? Held, bool LeftToHolder);

namespace Strata.Policies;

/// <summary>
/// Adjusts an entry's fresh duration after its factory ran, from the key, the call's parameters and the result
/// (a flight search near departure lives shorter; a large result set lives longer; hotels in peak season shorter).
/// Adjusters of a policy run in registration order, each seeing the previous one's duration.
/// </summary>
public interface ICacheDurationAdjuster
{
    /// <summary>Returns the duration to use instead of <paramref name="duration"/>; return it unchanged to abstain.</summary>
    TimeSpan Adjust(in CacheDurationContext context, TimeSpan duration);
}

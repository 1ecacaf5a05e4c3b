using System.Diagnostics.CodeAnalysis;

namespace Strata.Keys;

/// <summary>The member writers of <typeparamref name="T"/>, built on first use and then reused for every call.</summary>
internal static class KeyPlan<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] T>
{
    // A benign race: two threads may both build the plan on first use; the results are equivalent. A type that cannot
    // be planned is not cached, so every call reports the problem.
    private static MemberWriter<T>[]? _members;

    public static MemberWriter<T>[] Members => _members ??= KeyPlanBuilder.Build<T>();
}

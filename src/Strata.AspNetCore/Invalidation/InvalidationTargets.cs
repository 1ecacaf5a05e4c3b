namespace Strata.AspNetCore.Invalidation;

/// <summary>Builds a request's target list: the first declaration of a tag or namespace wins, so endpoint metadata and
/// a rule naming the same tag invalidate it once.</summary>
internal static class InvalidationTargets
{
    public static void Add(ref List<InvalidationTarget>? targets, InvalidationTarget target)
    {
        targets ??= new List<InvalidationTarget>(4);
        foreach (var existing in targets)
        {
            if (existing.Kind == target.Kind && string.Equals(existing.Name, target.Name, StringComparison.Ordinal))
            {
                return;
            }
        }

        targets.Add(target);
    }
}

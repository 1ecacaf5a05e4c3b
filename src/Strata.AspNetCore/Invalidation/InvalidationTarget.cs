namespace Strata.AspNetCore.Invalidation;

/// <summary>One tag or namespace a request invalidates once it succeeded, and what declared it.</summary>
/// <param name="Kind">Tag or namespace.</param>
/// <param name="Name">The expanded tag or namespace name.</param>
/// <param name="Source">Endpoint metadata or a rule.</param>
/// <param name="Origin">The endpoint's display name, or the rule (<c>POST /v1.0/user/create*</c>).</param>
internal readonly record struct InvalidationTarget(InvalidationKind Kind, string Name, InvalidationSource Source, string Origin);

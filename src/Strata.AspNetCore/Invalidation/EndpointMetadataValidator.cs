using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Strata.AspNetCore.Invalidation;

/// <summary>
/// Checks, when the pipeline is built (host start), that every placeholder of <c>InvalidatesTags</c> /
/// <c>InvalidatesNamespaces</c> names a parameter of its endpoint's route, and that literal namespaces are valid
/// names: a typo fails start-up instead of silently invalidating nothing on every write.
/// </summary>
internal static class EndpointMetadataValidator
{
    /// <exception cref="InvalidOperationException">Some endpoint's metadata is wrong; the message lists every problem.</exception>
    public static void Validate(EndpointDataSource? endpoints)
    {
        if (endpoints is null)
        {
            return;
        }

        var errors = new List<string>();
        foreach (var endpoint in endpoints.Endpoints)
        {
            var tags = endpoint.Metadata.GetOrderedMetadata<InvalidatesTagsAttribute>();
            var namespaces = endpoint.Metadata.GetOrderedMetadata<InvalidatesNamespacesAttribute>();
            if (tags.Count == 0 && namespaces.Count == 0)
            {
                continue;
            }

            var name = endpoint.DisplayName ?? (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? "(unnamed)";
            foreach (var template in tags.SelectMany(static a => a.Templates).Concat(namespaces.SelectMany(static a => a.Templates)))
            {
                if (endpoint is RouteEndpoint route)
                {
                    try
                    {
                        template.EnsureParametersExist(route.RoutePattern, name);
                    }
                    catch (InvalidOperationException error)
                    {
                        errors.Add(error.Message);
                    }
                }
                else if (template.Parameters.Count > 0)
                {
                    errors.Add($"'{template.Text}' on endpoint '{name}' reads route values, but the endpoint has no route pattern.");
                }
            }

            foreach (var template in namespaces.SelectMany(static a => a.Templates))
            {
                if (template.Parameters.Count == 0 && CompiledRule.NamespaceProblem(template.Text) is { } problem)
                {
                    errors.Add($"InvalidatesNamespaces on endpoint '{name}': {problem}.");
                }
            }
        }

        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Invalid invalidation metadata: " + string.Join(" ", errors));
        }
    }
}

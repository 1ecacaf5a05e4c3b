using Microsoft.AspNetCore.Http;

namespace Strata.AspNetCore.Admin;

internal static partial class AdminEndpoints
{
    /// <summary><c>POST clear</c>: every entry of every namespace, on every node.</summary>
    private static async Task<IResult> ClearAllAsync(StrataCache cache, CancellationToken cancellationToken)
    {
        await cache.RemoveByTagAsync("*", cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new { cleared = "all" });
    }

    /// <summary><c>POST clear/{namespace}</c>: one namespace on every node; its L2 keys are purged in the background.</summary>
    private static async Task<IResult> ClearNamespaceAsync(string @namespace, StrataCache cache, CancellationToken cancellationToken)
    {
        StrataCache target;
        try
        {
            target = cache.Namespace(@namespace);
        }
        catch (ArgumentException error)
        {
            return AdminProblems.BadRequest("namespace", error.Message);
        }

        await target.ClearAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new { cleared = "namespace", @namespace });
    }

    /// <summary><c>POST clear/tag/{tag}</c>: every entry carrying the tag, on every node.</summary>
    private static async Task<IResult> ClearTagAsync(string tag, StrataCache cache, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(tag) || tag == "*")
        {
            return AdminProblems.BadRequest("tag", "A tag must not be empty, whitespace or '*' (use POST clear to clear everything).");
        }

        await cache.RemoveByTagAsync(tag, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new { cleared = "tag", tag });
    }

    /// <summary><c>DELETE keys/{key}?namespace=</c>: one key (default namespace when none is given).</summary>
    private static async Task<IResult> DeleteKeyAsync(string key, HttpRequest request, StrataCache cache, CancellationToken cancellationToken)
    {
        var ns = request.Query["namespace"].ToString();
        try
        {
            var target = ns.Length == 0 ? cache : cache.Namespace(ns);
            await target.RemoveAsync(key, cancellationToken).ConfigureAwait(false);
            return TypedResults.Ok(new { removed = key, @namespace = target.NamespaceName });
        }
        catch (ArgumentException error)
        {
            return AdminProblems.BadRequest(error.ParamName == "name" ? "namespace" : "key", error.Message);
        }
    }
}

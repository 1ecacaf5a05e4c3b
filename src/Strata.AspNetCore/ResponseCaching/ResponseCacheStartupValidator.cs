using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Strata.AspNetCore.ResponseCaching;

/// <summary>
/// Builds the plan of every endpoint with response-cache metadata once the host has started (the endpoints exist by
/// then), so an unknown policy name, a tag placeholder or route value the route lacks, or an invalid inline setting
/// fails startup with every problem listed, not the first request to that endpoint.
/// </summary>
internal sealed class ResponseCacheStartupValidator : IHostedLifecycleService
{
    private readonly IServiceProvider _services;

    public ResponseCacheStartupValidator(IServiceProvider services)
    {
        _services = services;
    }

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        if (_services.GetService<EndpointDataSource>() is not { } endpoints)
        {
            return Task.CompletedTask;
        }

        var plans = _services.GetRequiredService<EndpointPlanCache>();
        List<string>? problems = null;
        foreach (var endpoint in endpoints.Endpoints)
        {
            if (endpoint.Metadata.GetMetadata<CacheResponseAttribute>() is null)
            {
                continue;
            }

            try
            {
                plans.Get(endpoint);
            }
            catch (InvalidOperationException error)
            {
                (problems ??= []).Add(error.Message);
            }
        }

        if (problems is not null)
        {
            throw new InvalidOperationException(
                "Strata response caching is misconfigured:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => " - " + p)));
        }

        return Task.CompletedTask;
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

using Microsoft.Extensions.DependencyInjection;

namespace Strata;

/// <summary>Configures the Strata cache registered by <c>AddStrata</c>: policies, serializers, the L2 tier, health.</summary>
public interface IStrataBuilder
{
    /// <summary>The service collection the cache is registered in.</summary>
    IServiceCollection Services { get; }
}

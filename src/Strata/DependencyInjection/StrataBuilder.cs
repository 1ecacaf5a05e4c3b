using Microsoft.Extensions.DependencyInjection;

namespace Strata.DependencyInjection;

internal sealed class StrataBuilder(IServiceCollection services) : IStrataBuilder
{
    public IServiceCollection Services { get; } = services;
}

using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ShopIngest.Modules.Shared.GraphQL;

public static class GraphQLContributionRegistration
{
    /// <summary>
    /// Adds a module's fields to the schema, and every graph type of the module so the schema can build them.
    /// </summary>
    public static IServiceCollection AddGraphQLContribution<TContribution>(this IServiceCollection services)
        where TContribution : class, IGraphQLContribution
    {
        services.AddSingleton<IGraphQLContribution, TContribution>();
        services.TryAddTransient(typeof(ConnectionGraphType<,>));
        services.TryAddTransient(typeof(EdgeGraphType<,>));
        services.TryAddTransient<PageInfoGraphType>();
        services.TryAddTransient<ShopDateGraphType>();
        var graphTypes = typeof(TContribution).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false } && typeof(IGraphType).IsAssignableFrom(t));
        foreach (var graphType in graphTypes)
        {
            services.TryAddTransient(graphType);
        }

        return services;
    }
}

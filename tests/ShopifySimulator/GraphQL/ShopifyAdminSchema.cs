using GraphQL.Types;
using ShopIngest.ShopifySimulator.Events;
using ShopIngest.ShopifySimulator.GraphQL.Types;

namespace ShopIngest.ShopifySimulator.GraphQL;

/// <summary>The Admin API schema the simulator serves; one singleton for all shops.</summary>
internal sealed class ShopifyAdminSchema : Schema
{
    public ShopifyAdminSchema(IServiceProvider services, QueryRootGraphType queryRoot, MutationRootGraphType mutationRoot)
        : base(services)
    {
        Query = queryRoot;
        Mutation = mutationRoot;
        Description = "Shopify Admin API (simulated), version 2025-10.";

        // Reached only through the Event interface, so not found by walking the fields from the roots.
        RegisterType(typeof(BasicEventGraphType));
    }
}

using GraphQL;
using GraphQL.Types;
using ShopIngest.Modules.Shared.GraphQL;

namespace ShopIngest.Host.GraphQL;

/// <summary>One schema assembled from the fields every module contributes.</summary>
internal sealed class ShopIngestSchema : Schema
{
    public ShopIngestSchema(IServiceProvider services, QueryType query, MutationType mutation) : base(services)
    {
        Description = "ShopIngest: Shopify data and analytics for your shop.";
        Query = query;
        // GraphQL forbids an empty object type, so the mutation root exists only once a module adds to it.
        Mutation = mutation.Fields.Count > 0 ? mutation : null;
        // Introspection reads the schema in memory: the whole of it (what GraphiQL asks for) fits the complexity budget,
        // while cycles (types, their fields' types, their fields …) still multiply out of it.
        this.WithIntrospectionComplexityImpact(0.02);
    }
}

internal sealed class QueryType : ObjectGraphType
{
    public QueryType(IEnumerable<IGraphQLContribution> contributions)
    {
        Name = "Query";
        Field<NonNullGraphType<ServerInfoType>>("serverInfo")
            .Description("What is answering: the ShopIngest version and the Shopify Admin API version it syncs with.")
            .Costs(FieldCosts.InMemory)
            .Resolve(_ => ServerInfo.Current);
        foreach (var contribution in contributions)
        {
            contribution.AddQueryFields(this);
        }
    }
}

internal sealed class MutationType : ObjectGraphType
{
    public MutationType(IEnumerable<IGraphQLContribution> contributions)
    {
        Name = "Mutation";
        foreach (var contribution in contributions)
        {
            contribution.AddMutationFields(this);
        }
    }
}

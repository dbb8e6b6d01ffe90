using GraphQL.Types;

namespace ShopIngest.Modules.Shared.GraphQL;

/// <summary>
/// The fields one module adds to the single GraphQL schema the Host serves.
/// </summary>
public interface IGraphQLContribution
{
    void AddQueryFields(ObjectGraphType query);

    void AddMutationFields(ObjectGraphType mutation);
}

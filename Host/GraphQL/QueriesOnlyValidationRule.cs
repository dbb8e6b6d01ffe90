using GraphQL.Validation;
using GraphQLParser.AST;

namespace ShopIngest.Host.GraphQL;

/// <summary>GET must not change anything: a mutation sent with GET is refused before it runs.</summary>
internal sealed class QueriesOnlyValidationRule : ValidationRuleBase
{
    public static readonly QueriesOnlyValidationRule Instance = new();

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        if (context.Operation.Operation == OperationType.Mutation)
        {
            context.ReportError(new MutationOverGetError(context));
        }

        return default;
    }

    internal sealed class MutationOverGetError(ValidationContext context)
        : ValidationError(context.Document.Source, "HTTP_METHOD_NOT_ALLOWED", "Mutations must be sent with POST.", context.Operation);
}

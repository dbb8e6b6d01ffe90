using GraphQL.Validation;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;
using ShopIngest.Modules.Shared.GraphQL;

namespace ShopIngest.Host.GraphQL;

/// <summary>
/// Refuses <c>__schema</c> and <c>__type</c> to callers <see cref="GraphQLSettings.Introspection"/> does not let in, so
/// that in production a stranger cannot map the API; <c>__typename</c> stays, clients need it.
/// </summary>
internal sealed class IntrospectionAccessRule(IOptions<GraphQLSettings> settings) : ValidationRuleBase
{
    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        var allowed = settings.Value.Introspection switch
        {
            IntrospectionAccess.Anyone => true,
            IntrospectionAccess.SignedIn => context.User?.Identity?.IsAuthenticated == true,
            _ => false,
        };
        return new(allowed ? null : Visitor);
    }

    private static readonly MatchingNodeVisitor<GraphQLField> Visitor = new((field, context) =>
    {
        if (field.Name.Value == "__schema" || field.Name.Value == "__type")
        {
            context.ReportError(new IntrospectionDisabledError(context, field));
        }
    });

    private sealed class IntrospectionDisabledError : ValidationError
    {
        public IntrospectionDisabledError(ValidationContext context, GraphQLField field)
            : base(context.Document.Source, null,
                "Introspection is not available to this caller: the schema is described to signed-in users only, or to no one.", field) =>
            Code = ErrorCodes.IntrospectionDisabled;
    }
}

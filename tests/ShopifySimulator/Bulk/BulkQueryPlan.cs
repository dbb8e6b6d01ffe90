using GraphQL.Execution;
using GraphQL.Types;
using GraphQLParser.AST;

namespace ShopIngest.ShopifySimulator.Bulk;

internal enum PlannedKind
{
    /// <summary>A scalar or enum, or a list of them.</summary>
    Leaf,

    /// <summary>An object (or a list of objects) written inside its parent's line.</summary>
    Object,

    /// <summary>A connection: its nodes become lines of their own, each with <c>__parentId</c>.</summary>
    Connection,

    TypeName,
}

/// <summary>
/// One response key of a selection, its fields merged as GraphQL merges them. For a connection, <see cref="Selection"/> is
/// what its nodes select (through <c>edges { node }</c> and <c>nodes</c> together).
/// </summary>
internal sealed record PlannedField(
    string Key,
    PlannedKind Kind,
    FieldType? Definition,
    GraphQLField Ast,
    IDictionary<string, ArgumentValue>? Arguments,
    SelectionPlan? Selection)
{
    /// <summary>Whether this is the node's own unaliased <c>id</c>, whose value children name as <c>__parentId</c>.</summary>
    public bool IsNodeId => Kind == PlannedKind.Leaf && Ast.Alias is null && Definition?.Name == "id";
}

internal sealed record SelectionPlan(IComplexGraphType Type, IReadOnlyList<PlannedField> Fields);

/// <summary>A bulk query that passed validation: its one top-level connection.</summary>
internal sealed record BulkQueryPlan(PlannedField Root);

/// <summary>An error of <c>bulkOperationRunQuery</c> or <c>bulkOperationCancel</c>, shaped as a (BulkOperation)UserError.</summary>
internal sealed record BulkUserError(IReadOnlyList<string>? Field, string Message, BulkOperationUserErrorCode? Code = null);

/// <summary>https://shopify.dev/docs/api/admin-graphql/2025-10/enums/BulkOperationUserErrorCode</summary>
internal enum BulkOperationUserErrorCode
{
    Invalid,
    LimitReached,
    OperationInProgress,
}

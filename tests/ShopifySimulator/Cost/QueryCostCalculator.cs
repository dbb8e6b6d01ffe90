using GraphQL;
using GraphQL.Execution;
using GraphQL.Types;
using GraphQLParser.AST;
using ShopIngest.ShopifySimulator.GraphQL;
using ShopIngest.ShopifySimulator.GraphQL.Types;

namespace ShopIngest.ShopifySimulator.Cost;

/// <summary>
/// Shopify's calculated query cost. Scalars and enums cost 0 and objects 1 (so a count field
/// costs 1). A connection costs 2 plus its page size (first or last) times the cost of one node,
/// where a node costs 1 plus whatever it selects; edges and pageInfo add nothing of their own.
/// The requested cost is computed from the query before it runs; the actual cost the same way
/// from what was returned (the number of nodes a connection really held). A mutation costs 10 a field.
/// </summary>
internal sealed class QueryCostCalculator
{
    public const int ConnectionOverhead = 2;
    public const int ObjectCost = 1;

    /// <summary>What a mutation field costs, whatever it selects (https://shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits, "Cost calculation").</summary>
    public const int MutationCost = 10;

    private readonly ISchema _schema;

    public QueryCostCalculator(ISchema schema)
    {
        _schema = schema;
        _schema.Initialize();
    }

    public int Requested(GraphQLDocument document, string? operationName, Inputs? variables)
    {
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        var operation = operationName is null
            ? (operations.Count == 1 ? operations[0] : null)
            : operations.FirstOrDefault(o => o.Name?.StringValue == operationName);
        if (operation is { Operation: OperationType.Mutation })
        {
            return MutationCost * operation.SelectionSet.Selections.Count;
        }

        if (operation is null || operation.Operation != OperationType.Query || _schema.Query is null)
        {
            // No runnable query: the executer reports why, and nothing is charged.
            return 0;
        }

        var walk = new RequestedWalk(_schema, SelectionFields.FragmentsOf(document), variables ?? Inputs.Empty);
        return walk.SelectionCost(_schema.Query, operation.SelectionSet, depth: 0);
    }

    public static int Actual(ExecutionNode? node) => node switch
    {
        RootExecutionNode { GraphType.Name: MutationRootGraphType.TypeName } root => MutationCost * (root.SubFields?.Length ?? 0),
        RootExecutionNode root => Sum(root.SubFields),
        ObjectExecutionNode { Result: null } => 0,
        ObjectExecutionNode connection when connection.GraphType?.GetNamedType() is IConnectionGraphType =>
            ConnectionOverhead + Math.Max(
                Sum(Children(connection, "edges").OfType<ArrayExecutionNode>().SelectMany(edges => edges.Items ?? [])
                    .OfType<ObjectExecutionNode>().SelectMany(edge => Children(edge, "node"))),
                Sum(Children(connection, "nodes"))),
        ObjectExecutionNode item => ObjectCost + Sum(item.SubFields),
        ArrayExecutionNode list => Sum(list.Items),
        _ => 0,
    };

    private static IEnumerable<ExecutionNode> Children(ObjectExecutionNode node, string fieldName) =>
        node.SubFields?.Where(child => child.FieldDefinition?.Name == fieldName) ?? [];

    private static int Sum(IEnumerable<ExecutionNode>? nodes) => nodes?.Sum(Actual) ?? 0;

    private sealed class RequestedWalk(ISchema schema, Dictionary<string, GraphQLFragmentDefinition> fragments, Inputs variables)
    {
        public int SelectionCost(IComplexGraphType parent, GraphQLSelectionSet? selections, int depth) =>
            Fields(parent, selections, depth).Sum(f => FieldCost(f.Parent, f.Field, depth + 1));

        private int FieldCost(IComplexGraphType parent, GraphQLField field, int depth)
        {
            var type = parent.GetField(field.Name.StringValue)?.ResolvedType?.GetNamedType();
            return type switch
            {
                IConnectionGraphType connection => ConnectionOverhead + (PageSize(field) * NodeCost((IComplexGraphType)connection, field.SelectionSet, depth)),
                IComplexGraphType complex => ObjectCost + SelectionCost(complex, field.SelectionSet, depth),
                _ => 0,
            };
        }

        /// <summary>The cost of one node, selected through edges { node } and/or nodes (the dearer counts).</summary>
        private int NodeCost(IComplexGraphType connection, GraphQLSelectionSet? selections, int depth)
        {
            var cost = 0;
            foreach (var (parent, field) in Fields(connection, selections, depth))
            {
                var name = field.Name.StringValue;
                if (name == "nodes")
                {
                    cost = Math.Max(cost, FieldCost(parent, field, depth + 1));
                }
                else if (name == "edges" && parent.GetField(name)?.ResolvedType?.GetNamedType() is IComplexGraphType edge)
                {
                    var nodeCost = Fields(edge, field.SelectionSet, depth + 1)
                        .Where(f => f.Field.Name.StringValue == "node")
                        .Sum(f => FieldCost(f.Parent, f.Field, depth + 2));
                    cost = Math.Max(cost, nodeCost);
                }
            }

            return cost;
        }

        private IEnumerable<(IComplexGraphType Parent, GraphQLField Field)> Fields(IComplexGraphType parent, GraphQLSelectionSet? selections, int depth) =>
            SelectionFields.Expand(schema, fragments, parent, selections, depth);

        private int PageSize(GraphQLField field)
        {
            int? Argument(string name)
            {
                var value = field.Arguments?.FirstOrDefault(a => a.Name.StringValue == name)?.Value;
                return value switch
                {
                    GraphQLIntValue literal => int.TryParse(literal.Value.Span, out var number) ? number : null,
                    // A value of the wrong type costs nothing here: the executer rejects it with a variable error.
                    GraphQLVariable variable when variables.TryGetValue(variable.Name.StringValue, out var bound) => bound switch
                    {
                        int number => number,
                        long number => (int)Math.Clamp(number, int.MinValue, int.MaxValue),
                        _ => null,
                    },
                    _ => null,
                };
            }

            return Math.Max(0, Argument("first") ?? Argument("last") ?? 0);
        }
    }
}

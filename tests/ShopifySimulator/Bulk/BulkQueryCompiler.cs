using GraphQL;
using GraphQL.Execution;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using ShopIngest.ShopifySimulator.GraphQL;
using ShopIngest.ShopifySimulator.GraphQL.Types;

namespace ShopIngest.ShopifySimulator.Bulk;

/// <summary>
/// Checks the query of <c>bulkOperationRunQuery</c> as Shopify does before it creates an operation, and turns it into a
/// plan of what each JSONL line holds. Rules (https://shopify.dev/docs/api/admin-graphql/2025-10/mutations/bulkOperationRunQuery
/// and https://shopify.dev/docs/api/usage/bulk-operations/queries): a valid query against the Admin schema, a single
/// top-level field which is a connection, at most five connections, nested at most two deep, and every node that has a
/// nested connection selecting its own <c>id</c>, which its children carry as <c>__parentId</c>.
/// </summary>
internal static class BulkQueryCompiler
{
    public const int MaxConnections = 5;
    public const int MaxConnectionDepth = 2;

    private static readonly string[] QueryField = ["query"];

    public static async Task<(BulkQueryPlan? Plan, BulkUserError? Error)> CompileAsync(string query, ISchema schema)
    {
        GraphQLDocument document;
        try
        {
            document = GraphQLParser.Parser.Parse(query);
        }
        catch (GraphQLSyntaxErrorException e)
        {
            return Invalid($"Invalid bulk query: {e.Description}");
        }

        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        if (operations is not [{ Operation: OperationType.Query } operation])
        {
            return Invalid("Bulk queries must contain exactly one operation, and it must be a query.");
        }

        var validation = await new DocumentValidator().ValidateAsync(new ValidationOptions
        {
            Schema = schema,
            Document = document,
            Operation = operation,
            Rules = DocumentValidator.CoreRules,
            Variables = Inputs.Empty,
            Extensions = Inputs.Empty,
            UserContext = new Dictionary<string, object?>(),
        });
        if (!validation.IsValid)
        {
            return Invalid($"Invalid bulk query: {new ShopifyErrorInfoProvider().GetInfo(validation.Errors[0]).Message}");
        }

        var walk = new Walk(schema, document);
        var root = walk.Root(operation);
        return walk.Problem is { } problem ? Invalid(problem) : (new BulkQueryPlan(root!), null);
    }

    private static (BulkQueryPlan?, BulkUserError?) Invalid(string message) =>
        (null, new BulkUserError(QueryField, message, BulkOperationUserErrorCode.Invalid));

    /// <summary>Walks a validated query, noting the first rule it breaks.</summary>
    private sealed class Walk(ISchema schema, GraphQLDocument document)
    {
        private readonly Dictionary<string, GraphQLFragmentDefinition> _fragments = SelectionFields.FragmentsOf(document);
        private int _connections;

        public string? Problem { get; private set; }

        public PlannedField? Root(GraphQLOperationDefinition operation)
        {
            var fields = Plan(schema.Query, [operation.SelectionSet], depth: 0, inList: false).Fields;
            if (_connections == 0)
            {
                Note("Bulk queries must contain at least one connection.");
            }
            else if (fields is not [{ Kind: PlannedKind.Connection } root])
            {
                Note("Bulk queries must select exactly one top-level field, and it must be a connection.");
            }
            else
            {
                return root;
            }

            return null;
        }

        /// <param name="type">The type the selections are made on.</param>
        /// <param name="selections">Every selection set of the response key, merged.</param>
        /// <param name="depth">How many connections enclose the selection.</param>
        /// <param name="inList">Whether a list field encloses it, where no connection can be exported.</param>
        private SelectionPlan Plan(IComplexGraphType type, IEnumerable<GraphQLSelectionSet?> selections, int depth, bool inList)
        {
            var byKey = selections.SelectMany(set => SelectionFields.Expand(schema, _fragments, type, set))
                .GroupBy(f => (f.Field.Alias?.Name ?? f.Field.Name).StringValue);
            var fields = new List<PlannedField>();
            foreach (var group in byKey)
            {
                var (parent, field) = group.First();
                fields.Add(PlanField(group.Key, parent, field, group.Select(f => f.Field.SelectionSet), depth, inList));
            }

            return new SelectionPlan(type, fields);
        }

        private PlannedField PlanField(
            string key, IComplexGraphType parent, GraphQLField field, IEnumerable<GraphQLSelectionSet?> selections, int depth, bool inList)
        {
            var name = field.Name.StringValue;
            if (name == "__typename")
            {
                return new PlannedField(key, PlannedKind.TypeName, null, field, null, null);
            }

            var definition = parent.GetField(name)!;
            var arguments = ExecutionHelper.GetArguments(definition.Arguments, field.Arguments, new Variables(), document, field, null);
            var named = definition.ResolvedType!.GetNamedType();
            if (named is IConnectionGraphType connection)
            {
                var nodes = NodeSelection(connection, selections, depth + 1, inList, name);
                return new PlannedField(key, PlannedKind.Connection, definition, field, arguments, nodes);
            }

            if (named is IComplexGraphType complex)
            {
                var isList = definition.ResolvedType is ListGraphType or NonNullGraphType { ResolvedType: ListGraphType };
                var selection = Plan(complex, selections, depth, inList || isList);
                return new PlannedField(key, PlannedKind.Object, definition, field, arguments, selection);
            }

            return new PlannedField(key, PlannedKind.Leaf, definition, field, arguments, null);
        }

        /// <summary>What a connection's nodes select, through <c>edges { node }</c> and <c>nodes</c> alike.</summary>
        private SelectionPlan NodeSelection(
            IConnectionGraphType connection, IEnumerable<GraphQLSelectionSet?> selections, int depth, bool inList, string name)
        {
            _connections++;
            if (_connections > MaxConnections)
            {
                Note($"Bulk queries cannot contain more than {MaxConnections} connections.");
            }

            if (depth > MaxConnectionDepth)
            {
                Note($"Bulk queries cannot contain connections nested more than {MaxConnectionDepth} levels deep: '{name}' is nested {depth} levels deep.");
            }

            if (inList)
            {
                Note($"Queries that contain a connection field within a list field are not supported: '{name}'.");
            }

            var complex = (IComplexGraphType)connection;
            var nodeType = (IComplexGraphType)complex.GetField("nodes")!.ResolvedType!.GetNamedType();
            var edgeType = (IComplexGraphType)complex.GetField("edges")!.ResolvedType!.GetNamedType();
            var inner = selections.SelectMany(set => SelectionFields.Expand(schema, _fragments, complex, set)).ToList();
            var nodeSets = inner.Where(f => f.Field.Name.StringValue == "nodes").Select(f => f.Field.SelectionSet)
                .Concat(inner.Where(f => f.Field.Name.StringValue == "edges")
                    .SelectMany(edges => SelectionFields.Expand(schema, _fragments, edgeType, edges.Field.SelectionSet))
                    .Where(f => f.Field.Name.StringValue == "node")
                    .Select(f => f.Field.SelectionSet));

            // Cursors and page info have no line to go on: the export walks every page itself.
            var before = _connections;
            var plan = Plan(nodeType, nodeSets, depth, inList);
            if (_connections > before && !plan.Fields.Any(f => f.IsNodeId))
            {
                Note($"The nodes of '{name}' must select 'id' without an alias: their nested connections name it as __parentId.");
            }

            return plan;
        }

        private void Note(string problem) => Problem ??= problem;
    }
}

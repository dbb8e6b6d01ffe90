using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Resolvers;
using GraphQL.Types;
using GraphQLParser.AST;
using ShopIngest.ShopifySimulator.GraphQL.Paging;
using ShopIngest.ShopifySimulator.GraphQL.Types;

namespace ShopIngest.ShopifySimulator.Bulk;

/// <summary>
/// The JSONL lines of one page of root objects and everything nested in them, in the order Shopify writes them
/// (https://shopify.dev/docs/api/usage/bulk-operations/queries): one object a line with the fields it selects, objects
/// nested inside their line, and the nodes of a nested connection as lines of their own carrying <c>__parentId</c>, the
/// id of the node they belong to. Values are resolved by the Admin schema's own resolvers and written by its own scalars,
/// so money, ids and dates read exactly as in a GraphQL answer. One page at a time keeps memory flat however big the shop.
/// </summary>
internal sealed class JsonlChunk : IDisposable
{
    private const int MaxPageSize = PageArguments.MaxPageSize;
    private static readonly JsonEncodedText ParentIdKey = JsonEncodedText.Encode("__parentId");

    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);
    private readonly Utf8JsonWriter _json;
    private readonly List<Line> _lines = [];
    private readonly ResolveFieldContext _context;

    public JsonlChunk(ISchema schema, IDictionary<string, object?> userContext)
    {
        // Plain apostrophes and plus signs, as in the Admin API's answers.
        _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        _context = new ResolveFieldContext { Schema = schema, UserContext = userContext };
    }

    /// <summary>The lines of the page, in writing order, each with its end of line.</summary>
    public IReadOnlyList<Line> Lines => _lines;

    public ReadOnlyMemory<byte> Bytes(Line line) => _buffer.WrittenMemory.Slice(line.Start, line.Length);

    /// <summary>
    /// Replaces the lines with those of the page of <paramref name="root"/> after <paramref name="after"/>, and returns
    /// the cursor of the next page, or null after the last one.
    /// </summary>
    public string? WritePage(PlannedField root, ISchema schema, string? after)
    {
        _buffer.ResetWrittenCount();
        _lines.Clear();
        var page = ResolvePage(root, schema.Query, source: null!, after, MaxPageSize);
        foreach (var node in page.Nodes)
        {
            WriteNode(node, root.Selection!, parentId: null);
        }

        return page.PageInfo.HasNextPage ? page.PageInfo.EndCursor : null;
    }

    /// <summary>Reorders the lines at random (seeded): what Shopify's ungrouped output allows, a child before its parent.</summary>
    public void Shuffle(Random random) => random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_lines));

    /// <summary>The value of a field with no selection below it (a count, say), resolved like any exported field.</summary>
    public object? ResolveLeaf(FieldType field, IObjectGraphType parent, IDictionary<string, ArgumentValue>? arguments) =>
        Resolve(field, null, parent, source: null, arguments);

    private void WriteNode(object node, SelectionPlan selection, string? parentId)
    {
        var start = _buffer.WrittenCount;
        var connections = new List<(PlannedField Field, object Source, IComplexGraphType Parent)>();
        _json.WriteStartObject();
        var id = WriteFields(node, selection, connections);
        if (parentId is not null)
        {
            _json.WriteString(ParentIdKey, parentId);
        }

        _json.WriteEndObject();
        _json.Flush();
        _json.Reset();
        _buffer.Write("\n"u8);
        _lines.Add(new Line(start, _buffer.WrittenCount - start, parentId is null));

        foreach (var (field, source, parent) in connections)
        {
            string? after = null;
            do
            {
                var page = ResolvePage(field, parent, source, after, MaxPageSize);
                foreach (var child in page.Nodes)
                {
                    WriteNode(child, field.Selection!, id);
                }

                after = page.PageInfo.HasNextPage ? page.PageInfo.EndCursor : null;
            }
            while (after is not null);
        }
    }

    /// <summary>Writes the fields of an object; connections are left for lines of their own. Returns the object's id, if selected.</summary>
    private string? WriteFields(object source, SelectionPlan selection, List<(PlannedField, object, IComplexGraphType)> connections)
    {
        string? id = null;
        foreach (var field in selection.Fields)
        {
            switch (field.Kind)
            {
                case PlannedKind.Connection:
                    connections.Add((field, source, selection.Type));
                    continue;
                case PlannedKind.TypeName:
                    _json.WriteString(field.Key, selection.Type.Name);
                    continue;
            }

            var value = Resolve(field, selection.Type, source, field.Arguments);
            _json.WritePropertyName(field.Key);
            var written = WriteValue(field.Definition!.ResolvedType!, value, field, connections);
            if (field.IsNodeId)
            {
                id = written as string;
            }
        }

        return id;
    }

    /// <returns>What a scalar was serialized to, for the caller that needs the id.</returns>
    private object? WriteValue(IGraphType type, object? value, PlannedField field, List<(PlannedField, object, IComplexGraphType)> connections)
    {
        if (value is null)
        {
            _json.WriteNullValue();
            return null;
        }

        switch (type)
        {
            case NonNullGraphType nonNull:
                return WriteValue(nonNull.ResolvedType!, value, field, connections);
            case ListGraphType list:
                _json.WriteStartArray();
                foreach (var item in (System.Collections.IEnumerable)value)
                {
                    WriteValue(list.ResolvedType!, item, field, connections);
                }

                _json.WriteEndArray();
                return null;
            case ScalarGraphType scalar:
                var serialized = scalar.Serialize(value);
                WriteScalar(serialized);
                return serialized;
            default:
                _json.WriteStartObject();
                WriteFields(value, field.Selection!, connections);
                _json.WriteEndObject();
                return null;
        }
    }

    /// <summary>The Admin scalars serialize to strings (ids, money, dates), booleans and numbers (Int, Float).</summary>
    private void WriteScalar(object? value)
    {
        switch (value)
        {
            case null:
                _json.WriteNullValue();
                break;
            case string text:
                _json.WriteStringValue(text);
                break;
            default:
                JsonSerializer.Serialize(_json, value, value.GetType());
                break;
        }
    }

    /// <summary>
    /// Asks the top-level connection for no node at all, so that what its arguments say wrong (a search query it cannot
    /// read, say) is known before the operation is created.
    /// </summary>
    public void Probe(PlannedField root, ISchema schema) => ResolvePage(root, schema.Query, source: null!, after: null, pageSize: 0);

    /// <summary>One page of a connection, as the field's resolver serves it to a paging client.</summary>
    private Connection ResolvePage(PlannedField field, IComplexGraphType parent, object source, string? after, int pageSize)
    {
        var arguments = new Dictionary<string, ArgumentValue>(field.Arguments ?? new Dictionary<string, ArgumentValue>())
        {
            ["first"] = new(pageSize, ArgumentSource.Literal),
            ["after"] = new(after, ArgumentSource.Literal),
            ["last"] = ArgumentValue.NullLiteral,
            ["before"] = ArgumentValue.NullLiteral,
        };
        return (Connection)Resolve(field, parent, source, arguments)!;
    }

    private object? Resolve(PlannedField field, IComplexGraphType parent, object source, IDictionary<string, ArgumentValue>? arguments) =>
        Resolve(field.Definition!, field.Ast, parent, source, arguments);

    private object? Resolve(
        FieldType definition, GraphQLField? ast, IComplexGraphType parent, object? source, IDictionary<string, ArgumentValue>? arguments)
    {
        _context.Source = source;
        _context.ParentType = (IObjectGraphType)parent;
        _context.FieldDefinition = definition;
        _context.FieldAst = ast!;
        _context.Arguments = arguments;
        return Completed((definition.Resolver ?? NameFieldResolver.Instance).ResolveAsync(_context));
    }

    public void Dispose() => _json.Dispose();

    /// <summary>The simulator's resolvers answer from memory; one that awaited would need the export to await it too.</summary>
    private static object? Completed(ValueTask<object?> pending) => pending.IsCompletedSuccessfully
        ? pending.Result
        : throw new InvalidOperationException("A field exported in bulk must be resolved synchronously.");

    /// <summary>Where a line stands in the page's bytes; a root line has no __parentId.</summary>
    internal readonly record struct Line(int Start, int Length, bool IsRoot);
}

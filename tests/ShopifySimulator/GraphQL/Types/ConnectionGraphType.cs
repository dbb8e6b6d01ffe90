using GraphQL.Types;
using GraphQL.Types.Relay;
using GraphQL.Types.Relay.DataObjects;

namespace ShopIngest.ShopifySimulator.GraphQL.Types;

/// <summary>Marks connection types, whose cost is sized by first/last (see the cost calculator).</summary>
internal interface IConnectionGraphType : IGraphType;

/// <summary>One page of a connection: the nodes, their cursors and the page info.</summary>
internal sealed record Connection(IReadOnlyList<object> Nodes, IReadOnlyList<string> Cursors, PageInfo PageInfo);

internal sealed record Edge(string Cursor, object Node);

/// <summary>Shopify's XConnection { edges { cursor node } nodes pageInfo } for a node type.</summary>
internal sealed class ConnectionGraphType<TNodeGraphType> : ObjectGraphType<Connection>, IConnectionGraphType
    where TNodeGraphType : IGraphType
{
    public ConnectionGraphType()
    {
        var nodeName = NodeName();
        Name = nodeName + "Connection";
        Description = $"An auto-generated type for paginating through multiple {nodeName}s.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EdgeGraphType<TNodeGraphType>>>>>("edges")
            .Description($"The connection between the node and its parent. Each edge contains a minimum of the edge's cursor and the node.")
            .Resolve(context => context.Source.Nodes.Select((node, i) => new Edge(context.Source.Cursors[i], node)).ToList());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TNodeGraphType>>>>("nodes")
            .Description($"A list of nodes that are contained in {nodeName}Edge.")
            .Resolve(context => context.Source.Nodes);
        Field<NonNullGraphType<PageInfoType>>("pageInfo")
            .Description("An object that's used to retrieve cursor information about the current page.")
            .Resolve(context => context.Source.PageInfo);
    }

    internal static string NodeName()
    {
        var typeName = typeof(TNodeGraphType).Name;
        return typeName.EndsWith("GraphType", StringComparison.Ordinal) ? typeName[..^"GraphType".Length] : typeName;
    }
}

internal sealed class EdgeGraphType<TNodeGraphType> : ObjectGraphType<Edge>
    where TNodeGraphType : IGraphType
{
    public EdgeGraphType()
    {
        var nodeName = ConnectionGraphType<TNodeGraphType>.NodeName();
        Name = nodeName + "Edge";
        Description = $"An auto-generated type which holds one {nodeName} and a cursor during pagination.";
        Field<NonNullGraphType<StringGraphType>>("cursor")
            .Description("The position of each node in an array, used in pagination.")
            .Resolve(context => context.Source.Cursor);
        Field<NonNullGraphType<TNodeGraphType>>("node")
            .Description($"The item at the end of {nodeName}Edge.")
            .Resolve(context => context.Source.Node);
    }
}

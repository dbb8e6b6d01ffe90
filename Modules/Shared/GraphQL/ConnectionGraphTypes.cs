using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;
using ShopIngest.Modules.Shared.Listing;

namespace ShopIngest.Modules.Shared.GraphQL;

/// <summary>A Relay connection of <typeparamref name="TNodeType"/>: edges, node, cursor, pageInfo, totalCount.</summary>
public sealed class ConnectionGraphType<TNodeType, TNode> : ObjectGraphType<Connection<TNode>> where TNodeType : IGraphType
{
    public ConnectionGraphType()
    {
        var nodeName = NodeName();
        Name = $"{nodeName}Connection";
        Description = $"A page of {nodeName} objects.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EdgeGraphType<TNodeType, TNode>>>>>("edges")
            .Description("The objects of this page, each with its cursor.")
            .Resolve(context => context.Source.Edges);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TNodeType>>>>("nodes")
            .Description("The objects of this page, without cursors.")
            .Resolve(context => context.Source.Edges.Select(e => e.Node));
        Field<NonNullGraphType<PageInfoGraphType>>("pageInfo")
            .Description("Where this page sits: whether another follows, and the cursor to ask for it.")
            .Resolve(context => new PageInfo(context.Source.HasNextPage, context.Source.Edges.Count > 0 ? context.Source.Edges[^1].Cursor : null));
        Field<IntGraphType>("totalCount")
            .Description("How many objects match, across all pages.")
            .QueriesDatabase()
            .Resolve(context => context.Source.TotalCount);
    }

    internal static string NodeName() => typeof(TNodeType).Name.Replace("GraphType", "", StringComparison.Ordinal);
}

public sealed class EdgeGraphType<TNodeType, TNode> : ObjectGraphType<Edge<TNode>> where TNodeType : IGraphType
{
    public EdgeGraphType()
    {
        Name = $"{ConnectionGraphType<TNodeType, TNode>.NodeName()}Edge";
        Description = "An object and its cursor.";
        Field<NonNullGraphType<TNodeType>>("node").Description("The object.").Resolve(context => context.Source.Node);
        Field<NonNullGraphType<StringGraphType>>("cursor").Description("Pass as `after` to get the objects that follow this one.").Resolve(context => context.Source.Cursor);
    }
}

public sealed record PageInfo(bool HasNextPage, string? EndCursor);

public sealed class PageInfoGraphType : ObjectGraphType<PageInfo>
{
    public PageInfoGraphType()
    {
        Name = "PageInfo";
        Description = "Where a page sits in its connection.";
        Field(p => p.HasNextPage).Description("Whether more objects follow this page.");
        Field(p => p.EndCursor, nullable: true).Description("The cursor of the last object of this page.");
    }
}

public static class ConnectionArguments
{
    public const int DefaultFirst = 50;

    /// <summary>Adds <c>first</c>, <c>after</c> and <c>reverse</c>.</summary>
    public static FieldBuilder<TSource, TReturn> Paged<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field) => field
        .Argument<IntGraphType>("first", $"How many objects, 1 to {Listing.PageRequest.MaxFirst}; {DefaultFirst} when left out.")
        .Argument<StringGraphType>("after", "The cursor after which the page starts.")
        .Argument<BooleanGraphType>("reverse", "Reverse the sort order.");

    /// <summary>The page asked for; a <c>first</c> out of range is the client's error, said in words.</summary>
    public static PageRequest ReadPage(this IResolveFieldContext context)
    {
        var first = context.GetArgument("first", DefaultFirst);
        if (first is < 1 or > Listing.PageRequest.MaxFirst)
        {
            throw ErrorCodes.Error(ErrorCodes.BadUserInput, $"first must be between 1 and {Listing.PageRequest.MaxFirst}; it was {first}.");
        }

        return new PageRequest(first, context.GetArgument<string?>("after"), context.GetArgument("reverse", false),
            IncludeTotalCount: context.SubFields?.ContainsKey("totalCount") ?? true);
    }
}

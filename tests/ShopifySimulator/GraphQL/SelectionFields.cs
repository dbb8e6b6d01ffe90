using GraphQL.Types;
using GraphQLParser.AST;

namespace ShopIngest.ShopifySimulator.GraphQL;

/// <summary>Reads a document's selections field by field, fragments expanded: for the cost calculator and the bulk query compiler.</summary>
internal static class SelectionFields
{
    // Deeper than any sane query; stops fragment cycles, which validation rejects anyway.
    private const int MaxDepth = 64;

    public static Dictionary<string, GraphQLFragmentDefinition> FragmentsOf(GraphQLDocument document) =>
        document.Definitions.OfType<GraphQLFragmentDefinition>()
            .GroupBy(f => f.FragmentName.Name.StringValue)
            .ToDictionary(g => g.Key, g => g.First());

    /// <summary>The fields of a selection set with the type each is selected on, fragments expanded.</summary>
    public static IEnumerable<(IComplexGraphType Parent, GraphQLField Field)> Expand(
        ISchema schema, IReadOnlyDictionary<string, GraphQLFragmentDefinition> fragments, IComplexGraphType parent,
        GraphQLSelectionSet? selections, int depth = 0)
    {
        if (selections is null || depth > MaxDepth)
        {
            yield break;
        }

        foreach (var selection in selections.Selections)
        {
            if (selection is GraphQLField field)
            {
                yield return (parent, field);
                continue;
            }

            var (typeName, inner) = selection switch
            {
                GraphQLInlineFragment inline => (inline.TypeCondition?.Type.Name.StringValue, inline.SelectionSet),
                GraphQLFragmentSpread spread when fragments.TryGetValue(spread.FragmentName.Name.StringValue, out var fragment) =>
                    (fragment.TypeCondition.Type.Name.StringValue, fragment.SelectionSet),
                _ => ((string?)null, (GraphQLSelectionSet?)null),
            };
            var type = typeName is not null && schema.AllTypes[typeName] is IComplexGraphType named ? named : parent;
            foreach (var expanded in Expand(schema, fragments, type, inner, depth + 1))
            {
                yield return expanded;
            }
        }
    }
}

using GraphQLParser.AST;

namespace ShopIngest.Host.GraphQL;

/// <summary>
/// Counts what a parsed document asks for, in one linear walk, before the library validates it: validation compares
/// same-named fields in pairs and expands fragments, so its work grows faster than the document. Counting stops at
/// the first limit passed, so a fragment that spreads others many times over costs no more than the limit.
/// </summary>
internal static class DocumentLimits
{
    /// <summary>The first limit the document passes, in one sentence; null when it keeps within them.</summary>
    public static string? Problem(GraphQLDocument document, GraphQLSettings settings)
    {
        var fragments = new Dictionary<string, GraphQLFragmentDefinition>(StringComparer.Ordinal);
        var written = 0;
        foreach (var definition in document.Definitions)
        {
            if (definition is GraphQLFragmentDefinition fragment)
            {
                fragments.TryAdd(fragment.FragmentName.Name.StringValue, fragment);
            }

            if (definition is IHasSelectionSetNode { SelectionSet: { } selectionSet })
            {
                written += CountWritten(selectionSet);
            }
        }

        var expanded = document.Definitions.OfType<GraphQLOperationDefinition>()
            .Select(operation =>
            {
                var counter = new ExpandedCounter(fragments, settings.MaxFields);
                return (RootFields: counter.Count(operation.SelectionSet, atRoot: true), counter.Fields);
            })
            .ToList();
        if (expanded.Select(o => o.RootFields).DefaultIfEmpty().Max() is var rootFields && rootFields > settings.MaxRootFields)
        {
            return $"An operation asks for at least {rootFields} root fields (aliases and fragments included); at most {settings.MaxRootFields} are accepted.";
        }

        if (written > settings.MaxFields)
        {
            return $"The document has {written} fields; at most {settings.MaxFields} are accepted.";
        }

        return expanded.Any(o => o.Fields > settings.MaxFields)
            ? $"An operation asks for more than {settings.MaxFields} fields once its fragments are expanded."
            : null;
    }

    private static int CountWritten(GraphQLSelectionSet selectionSet)
    {
        var count = 0;
        var pending = new Stack<GraphQLSelectionSet>([selectionSet]);
        while (pending.TryPop(out var current))
        {
            foreach (var selection in current.Selections)
            {
                if (selection is GraphQLField)
                {
                    count++;
                }

                if (selection is IHasSelectionSetNode { SelectionSet: { } inner })
                {
                    pending.Push(inner);
                }
            }
        }

        return count;
    }

    /// <summary>Fields of one operation with every fragment spread expanded where it is spread.</summary>
    private sealed class ExpandedCounter(Dictionary<string, GraphQLFragmentDefinition> fragments, int maxFields)
    {
        private readonly HashSet<string> _expanding = new(StringComparer.Ordinal);

        public int Fields { get; private set; }

        /// <summary>Counts into <see cref="Fields"/>; returns how many of them sit directly in <paramref name="selectionSet"/>.</summary>
        public int Count(GraphQLSelectionSet selectionSet, bool atRoot)
        {
            var direct = 0;
            foreach (var selection in selectionSet.Selections)
            {
                if (Fields > maxFields)
                {
                    break;
                }

                switch (selection)
                {
                    case GraphQLField field:
                        Fields++;
                        direct++;
                        if (field.SelectionSet is { } children)
                        {
                            Count(children, atRoot: false);
                        }

                        break;
                    case GraphQLInlineFragment inline:
                        direct += Count(inline.SelectionSet, atRoot);
                        break;
                    case GraphQLFragmentSpread spread:
                        var name = spread.FragmentName.Name.StringValue;
                        // A missing or cyclic fragment is left to validation, which reports it.
                        if (fragments.TryGetValue(name, out var fragment) && _expanding.Add(name))
                        {
                            direct += Count(fragment.SelectionSet, atRoot);
                            _expanding.Remove(name);
                        }

                        break;
                }
            }

            return atRoot ? direct : 0;
        }
    }
}

using System.Collections.Concurrent;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;

namespace ShopIngest.ShopifySimulator.GraphQL;

/// <summary>
/// Parsed query documents by their text, kept once a query has passed validation: a sync sends the same few queries
/// thousands of times, and re-parsing and re-validating each copy would cost the simulator more CPU than answering it
/// (CPU it shares with the app under test). Documents are immutable, so concurrent requests share them.
/// </summary>
internal sealed class ValidatedDocuments
{
    // Syncs send a handful of distinct queries; the bound only stops a client with generated queries from growing it.
    private const int Capacity = 1_000;

    private readonly ConcurrentDictionary<string, GraphQLDocument> _validated = new(StringComparer.Ordinal);

    /// <summary>The document of <paramref name="query"/>, and whether it has passed validation before.</summary>
    public (GraphQLDocument? Document, bool Validated) Parse(string query)
    {
        if (_validated.TryGetValue(query, out var known))
        {
            return (known, true);
        }

        try
        {
            return (GraphQLParser.Parser.Parse(query), false);
        }
        catch (GraphQLSyntaxErrorException)
        {
            // The executer parses again and reports the syntax error in Shopify's shape.
            return (null, false);
        }
    }

    public void Validated(string query, GraphQLDocument document)
    {
        if (_validated.Count < Capacity)
        {
            _validated.TryAdd(query, document);
        }
    }
}

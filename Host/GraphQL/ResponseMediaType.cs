using Microsoft.Net.Http.Headers;

namespace ShopIngest.Host.GraphQL;

/// <summary>
/// Which of the two GraphQL-over-HTTP response media types a request's <c>Accept</c> header asks for
/// (https://graphql.github.io/graphql-over-http/draft/#sec-Accept, with RFC 9110 §12.5.1's ranges and q-values).
/// </summary>
internal static class ResponseMediaType
{
    /// <summary>Its status code says whether the document ran: 4xx when it could not be parsed or validated.</summary>
    public const string GraphQLResponse = "application/graphql-response+json";

    /// <summary>The legacy type every client understands: any well-formed request is answered 200, errors in the body.</summary>
    public const string Json = "application/json";

    /// <summary>What this endpoint can answer, in the order a wildcard picks them: <c>*/*</c> gets plain JSON, as the spec asks.</summary>
    private static readonly string[] Offered = [Json, GraphQLResponse];

    /// <summary>
    /// The type to answer with: no <c>Accept</c> means <see cref="Json"/>; else the offered type with the highest
    /// quality, each type weighed by the most specific range that names it (so <c>application/json;q=0, */*</c> rules
    /// JSON out). Between equal qualities, the range that names a type itself beats a wildcard, then the one listed
    /// first (<c>application/graphql-response+json, application/json</c> prefers the former). Null when the client
    /// accepts neither.
    /// </summary>
    public static string? Negotiate(HttpRequest request)
    {
        var ranges = request.GetTypedHeaders().Accept;
        if (ranges.Count == 0)
        {
            return Json;
        }

        string? chosen = null;
        (double Quality, int Specificity, int Position) best = default;
        foreach (var offered in Offered)
        {
            if (Weigh(offered, ranges) is not { Quality: > 0 } weight)
            {
                continue;
            }

            if (chosen is null || weight.Quality > best.Quality
                || (weight.Quality == best.Quality && (weight.Specificity > best.Specificity
                    || (weight.Specificity == best.Specificity && weight.Position < best.Position))))
            {
                (chosen, best) = (offered, weight);
            }
        }

        return chosen;
    }

    /// <summary>The quality the most specific matching range gives <paramref name="offered"/>, that range's specificity and position.</summary>
    private static (double Quality, int Specificity, int Position)? Weigh(string offered, IList<MediaTypeHeaderValue> ranges)
    {
        var type = offered[..offered.IndexOf('/', StringComparison.Ordinal)];
        (double Quality, int Specificity, int Position)? match = null;
        for (var position = 0; position < ranges.Count; position++)
        {
            var range = ranges[position];
            var specificity = range.MatchesAllTypes ? 0
                : range.MatchesAllSubTypes && range.Type.Equals(type, StringComparison.OrdinalIgnoreCase) ? 1
                : range.MediaType.Equals(offered, StringComparison.OrdinalIgnoreCase) ? 2
                : -1;
            if (specificity > (match?.Specificity ?? -1))
            {
                match = (range.Quality ?? 1, specificity, position);
            }
        }

        return match;
    }
}

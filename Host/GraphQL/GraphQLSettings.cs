using System.ComponentModel.DataAnnotations;

namespace ShopIngest.Host.GraphQL;

/// <summary>Who may ask the schema to describe itself (<c>__schema</c>, <c>__type</c>).</summary>
internal enum IntrospectionAccess
{
    Off,

    /// <summary>Callers with a valid token: the dashboard reads the browse fields' arguments from the schema.</summary>
    SignedIn,

    Anyone,
}

/// <summary>What one GraphQL request may ask for (section <c>GraphQL</c>); anything beyond is refused before it runs.</summary>
internal sealed class GraphQLSettings
{
    public const string Section = "GraphQL";

    /// <summary>The complexity budget of one operation; see <c>FieldCosts</c> for what a field costs.</summary>
    [Range(100, 10_000_000)]
    public int MaxComplexity { get; set; } = 20_000;

    [Range(2, 100)]
    public int MaxDepth { get; set; } = 15;

    /// <summary>Fields at the root of one operation, aliases and fragments included: each is at least one query.</summary>
    [Range(1, 1_000)]
    public int MaxRootFields { get; set; } = 20;

    /// <summary>
    /// Fields in the whole document, and in one operation with its fragments expanded. Validating a document costs
    /// more than its length (same-named fields are compared in pairs): this bounds that work.
    /// </summary>
    [Range(10, 1_000_000)]
    public int MaxFields { get; set; } = 1_000;

    /// <summary>When left out: <see cref="IntrospectionAccess.Anyone"/> in Development, else <see cref="IntrospectionAccess.SignedIn"/>.</summary>
    public IntrospectionAccess? Introspection { get; set; }
}

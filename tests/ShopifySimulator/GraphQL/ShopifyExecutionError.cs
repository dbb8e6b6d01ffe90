using GraphQL;

namespace ShopIngest.ShopifySimulator.GraphQL;

/// <summary>An error reported the way Shopify reports it: a message and <c>extensions.code</c>.</summary>
internal sealed class ShopifyExecutionError : ExecutionError
{
    public ShopifyExecutionError(string message, string code)
        : base(message)
    {
        Code = code;
    }
}

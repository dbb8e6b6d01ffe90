namespace ShopIngest.Modules.Sync.Shopify;

/// <summary>One GraphQL query with its variables and the cost Shopify will ask for it (known before sending).</summary>
internal sealed record ShopifyRequest(string Query, IReadOnlyDictionary<string, object?> Variables, int RequestedCost);

/// <summary>Where and as whom to call one shop.</summary>
internal sealed record ShopAccess(string ShopDomain, string AccessToken)
{
    // A record prints every property; the token must never reach a log line or an exception message.
    public override string ToString() => $"ShopAccess {{ ShopDomain = {ShopDomain}, AccessToken = [redacted] }}";
}

/// <summary>What one call cost us: points Shopify charged, time spent waiting for the bucket, and the answers we had to retry.</summary>
internal readonly record struct ShopifyUsage(int Requests, long PointsSpent, TimeSpan ThrottleWait, int ThrottledResponses, int TransientRetries)
{
    public static ShopifyUsage operator +(ShopifyUsage left, ShopifyUsage right) => new(
        left.Requests + right.Requests,
        left.PointsSpent + right.PointsSpent,
        left.ThrottleWait + right.ThrottleWait,
        left.ThrottledResponses + right.ThrottledResponses,
        left.TransientRetries + right.TransientRetries);
}

internal sealed record ShopifyResult<TData>(TData Data, ShopifyUsage Usage);

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ShopIngest.Modules.Identity.Contracts;

namespace ShopIngest.Modules.Sync.Webhooks.Receive;

/// <summary><c>POST /webhooks/shopify</c>: where Shopify delivers every topic of every shop.</summary>
internal static class WebhookEndpoint
{
    public const string Path = "/webhooks/shopify";

    public static IEndpointRouteBuilder MapWebhookEndpoint(this IEndpointRouteBuilder endpoints)
    {
        var maxBodyBytes = endpoints.ServiceProvider.GetRequiredService<IOptions<WebhookOptions>>().Value.MaxBodyBytes;
        endpoints.MapPost(Path, (HttpContext http, ITenantDirectory directory, WebhookReceiver receiver, CancellationToken cancellationToken) =>
                receiver.ReceiveAsync(http.Request, directory, cancellationToken))
            // Shopify signs its deliveries instead of sending a bearer token: the signature is the authentication.
            .AllowAnonymous()
            .WithMetadata(new BodySizeLimit(maxBodyBytes))
            .WithName("ReceiveShopifyWebhook")
            .WithTags("Webhooks")
            .WithSummary("Receives a Shopify webhook delivery: verified by its X-Shopify-Hmac-Sha256 signature, stored, and applied after the answer.")
            .Produces(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return endpoints;
    }

    /// <summary>The endpoint's own body limit, which the Host's request body limit honours.</summary>
    private sealed record BodySizeLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;
}

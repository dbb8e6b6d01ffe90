using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using ShopIngest.Modules.Shared.GraphQL;
using ShopIngest.Modules.Shared.Http;

namespace ShopIngest.Host.Security;

/// <summary>
/// Refuses a request body larger than <see cref="RequestLimits.MaxBodyBytes"/> with 413 and a problem body: at once when
/// its length is declared, else as soon as reading passes the limit (the server stops reading there). An endpoint that
/// takes larger bodies by nature (Shopify's webhooks) declares its own limit with <see cref="IRequestSizeLimitMetadata"/>.
/// </summary>
internal sealed class RequestBodyLimit(RequestDelegate next, IOptions<RequestLimits> limits)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var maxBytes = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? limits.Value.MaxBodyBytes;
        if (context.Request.ContentLength > maxBytes)
        {
            await WriteTooLargeAsync(context, maxBytes);
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = maxBytes;
        }

        try
        {
            await next(context);
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
        {
            await WriteTooLargeAsync(context, maxBytes);
            return;
        }

        // Minimal APIs answer a body they could not read with the bare status code.
        if (context.Response.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
        {
            await WriteTooLargeAsync(context, maxBytes);
        }
    }

    private static Task WriteTooLargeAsync(HttpContext context, long maxBytes) =>
        CodedProblem.Create(StatusCodes.Status413PayloadTooLarge, ErrorCodes.RequestTooLarge,
                $"The request body is larger than the {maxBytes} bytes this server accepts.")
            .ExecuteAsync(context);
}

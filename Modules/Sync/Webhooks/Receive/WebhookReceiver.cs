using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Unicode;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using ShopIngest.Modules.Identity.Contracts;
using ShopIngest.Modules.Shared.GraphQL;
using ShopIngest.Modules.Shared.Http;
using ShopIngest.Modules.Sync.Webhooks.Inbox;

namespace ShopIngest.Modules.Sync.Webhooks.Receive;

/// <summary>
/// Takes one delivery as Shopify sends it (https://shopify.dev/docs/apps/build/webhooks/delivery-structure): finds the
/// shop by <c>X-Shopify-Shop-Domain</c>, reads the raw body once while computing its HMAC-SHA256 with the shop's secret,
/// compares that with <c>X-Shopify-Hmac-Sha256</c> in constant time
/// (https://shopify.dev/docs/apps/build/webhooks/subscribe/https#step-5-verify-the-webhook), and stores the delivery in
/// the inbox before answering 200. Nothing of it is applied here: the processor does that after the answer.
/// </summary>
/// <remarks>
/// Answers: 200 once stored (or when it is a copy of one stored, or for a shop that is no tenant, which Shopify would
/// otherwise retry for two days); 401 when the signature is missing or wrong, or the shop has no secret to check it
/// with; 415 for a body not declared JSON; 413 past <see cref="WebhookOptions.MaxBodyBytes"/>; 400 when a signed
/// delivery is not one (no topic, no id, a body that is not a JSON object in UTF-8, or one holding a <c>\u0000</c>). Nothing is stored unless the answer is 200.
/// </remarks>
internal sealed partial class WebhookReceiver(
    InboxIntake intake,
    IOptions<WebhookOptions> options,
    IOptions<ShopifyOptions> shopify,
    ILogger<WebhookReceiver> logger)
{
    private const int SignatureBytes = 32;
    private const int MaxShopDomainLength = 255;
    private const int JsonMaxDepth = 64;

    public async Task<IResult> ReceiveAsync(HttpRequest request, ITenantDirectory directory, CancellationToken cancellationToken)
    {
        var headers = request.Headers;
        var shopDomain = headers["X-Shopify-Shop-Domain"].ToString().Trim().ToLowerInvariant();
        if (shopDomain.Length is 0 or > MaxShopDomainLength)
        {
            return Problem(StatusCodes.Status400BadRequest, ErrorCodes.BadUserInput, "X-Shopify-Shop-Domain is missing: a Shopify delivery names its shop.");
        }

        var shop = await directory.FindWebhookShopAsync(shopDomain, cancellationToken);
        var secret = shop?.WebhookSecret ?? NullIfBlank(shopify.Value.WebhookSecret);
        if (secret is null)
        {
            if (shop is null)
            {
                // Not a shop of ours, and nothing to check it with: acknowledged so that Shopify stops retrying it.
                return TypedResults.Ok();
            }

            LogNoSecret(logger, shopDomain);
            return Problem(StatusCodes.Status401Unauthorized, ErrorCodes.NotAuthenticated,
                "The shop has no webhook secret and the server no app-wide one (Shopify:WebhookSecret): its deliveries cannot be verified.");
        }

        if (!TryReadSignature(headers["X-Shopify-Hmac-Sha256"].ToString(), out var signature))
        {
            LogBadSignature(logger, shopDomain);
            return Problem(StatusCodes.Status401Unauthorized, ErrorCodes.NotAuthenticated, "X-Shopify-Hmac-Sha256 is missing or is not a base64 HMAC-SHA256.");
        }

        if (!request.HasJsonContentType())
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, ErrorCodes.BadUserInput, "A delivery's Content-Type is application/json.");
        }

        var maxBytes = options.Value.MaxBodyBytes;
        if (request.ContentLength > maxBytes)
        {
            return TooLarge(maxBytes);
        }

        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        var body = await BufferedBody.ReadAsync(request.Body, request.ContentLength, maxBytes, hmac, cancellationToken);
        try
        {
            if (body.TooLarge)
            {
                return TooLarge(maxBytes);
            }

            if (!Matches(hmac, signature))
            {
                LogBadSignature(logger, shopDomain);
                return Problem(StatusCodes.Status401Unauthorized, ErrorCodes.NotAuthenticated,
                    "X-Shopify-Hmac-Sha256 does not match the body: the delivery was not signed with the shop's webhook secret.");
            }

            if (shop is null)
            {
                // Signed with the app-wide secret for a shop that is no tenant (one removed, say): nothing to store it for.
                return TypedResults.Ok();
            }

            if (Problem(headers, body) is { } problem)
            {
                return Problem(StatusCodes.Status400BadRequest, ErrorCodes.BadUserInput, problem);
            }

            var delivery = new ReceivedDelivery(
                headers["X-Shopify-Webhook-Id"].ToString().Trim(),
                headers["X-Shopify-Topic"].ToString().Trim().ToLowerInvariant(),
                NullIfBlank(headers["X-Shopify-API-Version"].ToString().Trim()),
                TriggeredAt(headers["X-Shopify-Triggered-At"].ToString()),
                Encoding.UTF8.GetString(body.Buffer, 0, body.Length));
            try
            {
                await intake.AddAsync(shop.TenantId, delivery);
            }
            catch (PostgresException refused) when (refused.SqlState.StartsWith("22", StringComparison.Ordinal))
            {
                // Text PostgreSQL cannot hold. The checks above should leave none; should one pass, it is still the body's fault.
                return Problem(StatusCodes.Status400BadRequest, ErrorCodes.BadUserInput, $"The body cannot be stored: {refused.MessageText}");
            }

            return TypedResults.Ok();
        }
        finally
        {
            body.Return();
        }
    }

    /// <summary>What makes a verified delivery unusable, or null: its headers and that its body is one JSON object.</summary>
    private static string? Problem(IHeaderDictionary headers, BufferedBody body)
    {
        var webhookId = headers["X-Shopify-Webhook-Id"].ToString().Trim();
        if (webhookId.Length is 0 or > WebhookInbox.MaxWebhookIdLength)
        {
            return $"X-Shopify-Webhook-Id is missing or longer than {WebhookInbox.MaxWebhookIdLength} characters.";
        }

        var topic = headers["X-Shopify-Topic"].ToString().Trim();
        if (topic.Length is 0 or > WebhookInbox.MaxTopicLength)
        {
            return $"X-Shopify-Topic is missing or longer than {WebhookInbox.MaxTopicLength} characters.";
        }

        if (headers["X-Shopify-API-Version"].ToString().Trim().Length > WebhookInbox.MaxApiVersionLength)
        {
            return $"X-Shopify-API-Version is longer than {WebhookInbox.MaxApiVersionLength} characters.";
        }

        var json = body.Buffer.AsSpan(0, body.Length);
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = JsonMaxDepth });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return "The body is not a JSON object.";
            }

            reader.Skip();
            if (reader.Read())
            {
                return "The body holds more than one JSON value.";
            }

            if (!Utf8.IsValid(json))
            {
                return "The body is not valid UTF-8.";
            }

            // The escape is rare, so the strings are only decoded when it appears.
            return json.IndexOf("\\u0000"u8) >= 0 && HoldsNul(json) ? "The body holds the character \\u0000, which PostgreSQL cannot store in text." : null;
        }
        catch (JsonException invalid)
        {
            return $"The body is not valid JSON: {invalid.Message}";
        }
    }

    /// <summary>Whether a string or property name of the (valid) JSON decodes to a NUL character.</summary>
    private static bool HoldsNul(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = JsonMaxDepth });
        while (reader.Read())
        {
            if ((reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName) && reader.ValueIsEscaped && reader.GetString()!.Contains('\0', StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Matches(IncrementalHash hmac, byte[] signature)
    {
        Span<byte> computed = stackalloc byte[SignatureBytes];
        hmac.GetHashAndReset(computed);
        return CryptographicOperations.FixedTimeEquals(computed, signature);
    }

    private static bool TryReadSignature(string header, out byte[] signature)
    {
        signature = new byte[SignatureBytes];
        return Convert.TryFromBase64String(header.Trim(), signature, out var written) && written == SignatureBytes;
    }

    private static DateTimeOffset? TriggeredAt(string header) =>
        DateTimeOffset.TryParse(header, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? at
            : null;

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static ProblemHttpResult TooLarge(int maxBytes) =>
        Problem(StatusCodes.Status413PayloadTooLarge, ErrorCodes.RequestTooLarge, $"The delivery is larger than the {maxBytes} bytes this server accepts.");

    private static ProblemHttpResult Problem(int status, string code, string detail) => CodedProblem.Create(status, code, detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A webhook for {Shop} was refused: its signature is missing or wrong")]
    private static partial void LogBadSignature(ILogger logger, string shop);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A webhook for {Shop} was refused: neither the shop nor the server has a webhook secret")]
    private static partial void LogNoSecret(ILogger logger, string shop);

    /// <summary>The raw body, in a pooled buffer, with the HMAC computed over exactly the bytes read.</summary>
    private readonly record struct BufferedBody(byte[] Buffer, int Length, bool TooLarge)
    {
        private const int FirstBufferBytes = 16 * 1024;

        public static async Task<BufferedBody> ReadAsync(Stream body, long? declaredLength, int maxBytes, IncrementalHash hmac, CancellationToken cancellationToken)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(declaredLength is > 0 and var declared ? (int)declared + 1 : FirstBufferBytes);
            var length = 0;
            try
            {
                while (true)
                {
                    if (length == buffer.Length)
                    {
                        var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, maxBytes + 1));
                        buffer.AsSpan(0, length).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }

                    var read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken);
                    if (read == 0)
                    {
                        return new BufferedBody(buffer, length, TooLarge: false);
                    }

                    hmac.AppendData(buffer, length, read);
                    length += read;
                    if (length > maxBytes)
                    {
                        return new BufferedBody(buffer, length, TooLarge: true);
                    }
                }
            }
            catch
            {
                ArrayPool<byte>.Shared.Return(buffer);
                throw;
            }
        }

        public void Return() => ArrayPool<byte>.Shared.Return(Buffer);
    }
}

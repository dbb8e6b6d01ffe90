using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ShopIngest.Modules.Sync.Shopify;

/// <summary>
/// <c>POST {base}/admin/api/{version}/graphql.json</c> for one shop: waits for the shop's bucket before each query,
/// waits out THROTTLED and 429 answers, backs off with jitter on 5xx, 430, timeouts, resets and malformed JSON up to
/// <see cref="SyncOptions.MaxTransientRetries"/>, and turns every other answer into the <see cref="ShopifyException"/>
/// that says what the run should do about it. The one place Shopify's answers are classified.
/// </summary>
internal sealed partial class ShopifyAdminClient(
    HttpClient http,
    IOptions<ShopifyOptions> shopify,
    IOptions<SyncOptions> sync,
    ShopThrottles throttles,
    TimeProvider time,
    ILogger<ShopifyAdminClient> logger)
{
    public const string HttpClientName = "shopify";

    /// <summary>Shopify refuses a single query that asks for more than this.</summary>
    public const int MaxQueryCost = 1000;

    private const string Throttled = "THROTTLED";
    private const string AccessDenied = "ACCESS_DENIED";
    private const string MaxCostExceeded = "MAX_COST_EXCEEDED";

    /// <summary>Shopify's own status for a request its edge rejected as unsafe (https://shopify.dev/docs/api/usage/response-codes).</summary>
    private const int ShopifySecurityRejection = 430;

    public async Task<ShopifyResult<TData>> QueryAsync<TData>(
        ShopAccess shop, ShopifyRequest request, JsonTypeInfo<GraphQLResponse<TData>> responseType, CancellationToken cancellationToken)
        where TData : class
    {
        var options = sync.Value;
        var throttle = throttles.For(shop.ShopDomain);
        var endpoint = EndpointFor(shop.ShopDomain);
        var body = RequestBody(request);
        var usage = new ShopifyUsage();
        var transientFailures = 0;
        var throttledInARow = 0;

        while (true)
        {
            var waitStarted = time.GetTimestamp();
            var ticket = await throttle.ReserveAsync(request.RequestedCost, cancellationToken);
            Outcome<TData> outcome;
            try
            {
                for (var wait = ticket.Wait; wait > TimeSpan.Zero; wait = throttle.StillToWait(ticket.Id))
                {
                    await Task.Delay(wait, time, cancellationToken);
                }

                usage = usage with { Requests = usage.Requests + 1, ThrottleWait = usage.ThrottleWait + time.GetElapsedTime(waitStarted) };
                throttle.Sending(ticket.Id);
                outcome = await SendAsync(endpoint, shop.AccessToken, body, responseType, cancellationToken);
            }
            catch
            {
                // A query that never got its answer must not keep its points, nor the shop's other queries waiting for it.
                throttle.Answered(ticket.Id);
                throw;
            }

            if (outcome.Cost is { ThrottleStatus: var status } cost)
            {
                throttle.Answered(ticket.Id, status.CurrentlyAvailable, status.MaximumAvailable, status.RestoreRate);
                usage = usage with { PointsSpent = usage.PointsSpent + (cost.ActualQueryCost ?? 0) };
            }
            else
            {
                throttle.Answered(ticket.Id);
            }

            switch (outcome.Kind)
            {
                case OutcomeKind.Succeeded:
                    return new ShopifyResult<TData>(outcome.Data!, usage);

                case OutcomeKind.Throttled:
                    throttledInARow++;
                    usage = usage with { ThrottledResponses = usage.ThrottledResponses + 1 };
                    if (throttledInARow > options.MaxThrottledRetries)
                    {
                        throw new ShopifyUnavailableException($"{throttledInARow} THROTTLED answers in a row", usage);
                    }

                    // The next Reserve waits for the bucket as Shopify just described it; without a description, Retry-After says.
                    if (outcome.Cost is null)
                    {
                        var retryAfter = outcome.RetryAfter ?? TimeSpan.FromSeconds(1);
                        await Task.Delay(retryAfter, time, cancellationToken);
                        usage = usage with { ThrottleWait = usage.ThrottleWait + retryAfter };
                    }

                    LogThrottled(logger, shop.ShopDomain, request.RequestedCost);
                    continue;

                case OutcomeKind.Transient:
                    transientFailures++;
                    if (transientFailures > options.MaxTransientRetries)
                    {
                        throw new ShopifyUnavailableException(outcome.Problem!, usage, outcome.Exception);
                    }

                    usage = usage with { TransientRetries = usage.TransientRetries + 1 };
                    var backoff = Backoff(transientFailures, options);
                    LogRetrying(logger, shop.ShopDomain, outcome.Problem!, transientFailures, backoff.TotalMilliseconds);
                    await Task.Delay(backoff, time, cancellationToken);
                    continue;

                case OutcomeKind.CredentialsRejected:
                    throw new ShopifyCredentialsRejectedException(usage);

                case OutcomeKind.AccessDenied:
                    throw new ShopifyAccessDeniedException(outcome.Problem!, outcome.RequiredAccess, usage);

                case OutcomeKind.ShopUnavailable:
                    throw new ShopifyShopUnavailableException(outcome.Status, usage);

                case OutcomeKind.MaxCostExceeded:
                    throw new ShopifyMaxCostExceededException(outcome.RequestedCost, usage);

                default:
                    throw new ShopifyQueryException(outcome.Problem!, usage);
            }
        }
    }

    /// <summary>Exponential backoff with "equal jitter": half the step fixed, half random, so retrying clients spread out.</summary>
    internal static TimeSpan Backoff(int failure, SyncOptions options)
    {
        var step = Math.Min(options.MaxRetryDelay.TotalMilliseconds, options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, failure - 1));
        return TimeSpan.FromMilliseconds((step / 2) + (Random.Shared.NextDouble() * step / 2));
    }

    private Uri EndpointFor(string shopDomain)
    {
        var baseUrl = shopify.Value.BaseUrlTemplate.Replace("{shop}", shopDomain, StringComparison.Ordinal).TrimEnd('/');
        return new Uri($"{baseUrl}/admin/api/{shopify.Value.ApiVersion}/graphql.json");
    }

    private async Task<Outcome<TData>> SendAsync<TData>(
        Uri endpoint, string accessToken, byte[] body, JsonTypeInfo<GraphQLResponse<TData>> responseType, CancellationToken cancellationToken)
        where TData : class
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        message.Headers.Add("X-Shopify-Access-Token", accessToken);

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            // The exception's own text (addresses, socket errors) goes to the log, not into a run's error a merchant reads.
            return Outcome<TData>.Transient("the connection to Shopify failed", exception);
        }
        catch (TaskCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            return Outcome<TData>.Transient("the request timed out", exception);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            switch (status)
            {
                case 401:
                    return new Outcome<TData>(OutcomeKind.CredentialsRejected) { Status = response.StatusCode };
                case 403:
                    return new Outcome<TData>(OutcomeKind.AccessDenied) { Problem = await ErrorBodyAsync(response, cancellationToken) };
                case 402 or 404 or 423:
                    return new Outcome<TData>(OutcomeKind.ShopUnavailable) { Status = response.StatusCode };
                case 429:
                    return new Outcome<TData>(OutcomeKind.Throttled) { RetryAfter = response.Headers.RetryAfter?.Delta };
                case ShopifySecurityRejection or >= 500:
                    // 430 is Shopify's edge refusing a request it judged unsafe; like a 5xx, it passes.
                    return Outcome<TData>.Transient($"HTTP {status} {response.ReasonPhrase}");
            }

            if (!response.IsSuccessStatusCode)
            {
                return new Outcome<TData>(OutcomeKind.Refused)
                {
                    Problem = $"Shopify answered HTTP {status} {response.ReasonPhrase} to {endpoint.GetLeftPart(UriPartial.Path)}: {await ErrorBodyAsync(response, cancellationToken)}",
                };
            }

            GraphQLResponse<TData>? parsed;
            try
            {
                await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
                parsed = await JsonSerializer.DeserializeAsync(stream, responseType, cancellationToken);
            }
            catch (JsonException exception)
            {
                return Outcome<TData>.Transient("malformed JSON in the response", exception);
            }
            catch (Exception exception) when (exception is HttpRequestException or IOException)
            {
                return Outcome<TData>.Transient("the response was cut off", exception);
            }
            catch (TaskCanceledException exception) when (!cancellationToken.IsCancellationRequested)
            {
                return Outcome<TData>.Transient("the response timed out", exception);
            }

            var cost = parsed?.Extensions?.Cost;
            if (parsed?.Errors is { Count: > 0 } errors)
            {
                return Classify<TData>(errors, cost);
            }

            return parsed?.Data is { } data
                ? new Outcome<TData>(OutcomeKind.Succeeded) { Data = data, Cost = cost }
                : Outcome<TData>.Transient("a response without data");
        }
    }

    /// <summary>
    /// A GraphQL answer with errors is never used, even with data beside them: a page with a field missing would be
    /// written as if Shopify had nothing there. THROTTLED is retried, ACCESS_DENIED and MAX_COST_EXCEEDED have their
    /// own remedies, and anything else fails with Shopify's first message.
    /// </summary>
    private static Outcome<TData> Classify<TData>(IReadOnlyList<GraphQLError> errors, QueryCost? cost)
        where TData : class
    {
        if (errors.Any(e => e.Extensions?.Code == Throttled))
        {
            return new Outcome<TData>(OutcomeKind.Throttled) { Cost = cost };
        }

        if (errors.FirstOrDefault(e => e.Extensions?.Code == AccessDenied) is { } denied)
        {
            return new Outcome<TData>(OutcomeKind.AccessDenied) { Cost = cost, Problem = denied.Message, RequiredAccess = denied.Extensions!.RequiredAccess };
        }

        if (errors.FirstOrDefault(e => e.Extensions?.Code == MaxCostExceeded) is { } tooCostly)
        {
            var requested = tooCostly.Extensions!.Cost is { ValueKind: JsonValueKind.Number } number && number.TryGetInt32(out var value)
                ? value
                : cost?.RequestedQueryCost ?? 0;
            return new Outcome<TData>(OutcomeKind.MaxCostExceeded) { Cost = cost, RequestedCost = requested };
        }

        var first = errors[0];
        return new Outcome<TData>(OutcomeKind.Refused)
        {
            Cost = cost,
            Problem = "Shopify refused the query: " + (first.Extensions?.Code is { } code ? $"{code}: {first.Message}" : first.Message),
        };
    }

    /// <summary>Shopify's words in a non-GraphQL error body (<c>{"errors":"…"}</c>), read no further than a short message needs.</summary>
    private static async Task<string> ErrorBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        const int MaxLength = 2000;
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var buffer = new char[MaxLength];
            using var reader = new StreamReader(stream);
            var length = await reader.ReadBlockAsync(buffer, cancellationToken);
            var text = new string(buffer, 0, length);
            try
            {
                using var json = JsonDocument.Parse(text);
                if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("errors", out var errors))
                {
                    return errors.ValueKind == JsonValueKind.String ? errors.GetString()! : errors.GetRawText();
                }
            }
            catch (JsonException)
            {
                // Not JSON (or cut at MaxLength): the text is all there is to show.
            }

            return text.Length == 0 ? $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}" : text;
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            return $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
        }
    }

    private static byte[] RequestBody(ShopifyRequest request)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("query", request.Query);
            json.WriteStartObject("variables");
            foreach (var (name, value) in request.Variables)
            {
                switch (value)
                {
                    case null:
                        json.WriteNull(name);
                        break;
                    case string text:
                        json.WriteString(name, text);
                        break;
                    case int number:
                        json.WriteNumber(name, number);
                        break;
                    case bool flag:
                        json.WriteBoolean(name, flag);
                        break;
                    default:
                        throw new ArgumentException($"Variable {name} has an unsupported type {value.GetType().Name}.", nameof(request));
                }
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private enum OutcomeKind
    {
        Succeeded,
        Throttled,
        Transient,
        CredentialsRejected,
        AccessDenied,
        ShopUnavailable,
        MaxCostExceeded,
        Refused,
    }

    private sealed record Outcome<TData>(OutcomeKind Kind)
    {
        public TData? Data { get; init; }

        public QueryCost? Cost { get; init; }

        public string? Problem { get; init; }

        public Exception? Exception { get; init; }

        public HttpStatusCode Status { get; init; }

        public TimeSpan? RetryAfter { get; init; }

        public string? RequiredAccess { get; init; }

        public int RequestedCost { get; init; }

        public static Outcome<TData> Transient(string problem, Exception? exception = null) =>
            new(OutcomeKind.Transient) { Problem = problem, Exception = exception };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Shopify throttled a query of {Cost} points to {Shop}; waiting for the bucket")]
    private static partial void LogThrottled(ILogger logger, string shop, int cost);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request to {Shop} failed ({Problem}); retry {Attempt} in {DelayMs:F0} ms")]
    private static partial void LogRetrying(ILogger logger, string shop, string problem, int attempt, double delayMs);
}

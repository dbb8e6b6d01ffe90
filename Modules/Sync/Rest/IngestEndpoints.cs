using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using ShopIngest.Modules.Shared.GraphQL;
using ShopIngest.Modules.Shared.Http;
using ShopIngest.Modules.Shared.Tenancy;
using ShopIngest.Modules.Sync.Resources;
using ShopIngest.Modules.Sync.Runs;
using ShopIngest.Modules.Sync.Scheduling;

namespace ShopIngest.Modules.Sync.Rest;

/// <summary>
/// The seed's <c>POST /api/ingest/{resource}</c>, now starting a sync run of the caller's shop and answering 202 with
/// its id. The shop comes from the token; a legacy <c>shopId</c> (query string or JSON body) is accepted only when it
/// names that shop, else 403.
/// </summary>
internal static class IngestEndpoints
{
    public sealed record IngestStarted(Guid RunId, string Resource, string Status, DateTimeOffset RequestedAt);

    public sealed record IngestRun(Guid RunId, string Resource, string Trigger, string Status, DateTimeOffset RequestedAt,
        DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, int Pages, long RecordsUpserted, string? Error);

    private sealed record LegacyBody(string? ShopId);

    public static IEndpointRouteBuilder MapIngestEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var ingest = endpoints.MapGroup("/api/ingest").RequireAuthorization().RequireOwnShopId().WithTags("Ingest");
        ingest.MapPost("/{resource:regex(^(products|customers|orders)$)}", StartAsync)
            .WithName("StartIngest")
            .WithSummary("Starts a sync of the shop's products, customers or orders from Shopify; 202 with the run id.")
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        ingest.MapGet("/runs/{runId:guid}", GetRunAsync)
            .WithName("GetIngestRun")
            .WithSummary("How a sync run started by POST /api/ingest/{resource} is going.");
        return endpoints;
    }

    private static async Task<Results<Accepted<IngestStarted>, ProblemHttpResult>> StartAsync(
        string resource, HttpContext http, ITenantContext tenant, SyncTriggers triggers, SyncRunQueries queries, CancellationToken cancellationToken)
    {
        var tenantId = tenant.RequiredTenantId;
        if (await LegacyBodyShopIdAsync(http, cancellationToken) is { } shopId
            && !(Guid.TryParse(shopId, out var claimed) && claimed == tenantId))
        {
            return CodedProblem.Create(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden, "shopId does not name the shop of this token.");
        }

        IReadOnlyList<PlannedRun> planned;
        try
        {
            planned = await triggers.StartManualAsync(tenantId, [SyncResource.Parse(resource)!], cancellationToken);
        }
        catch (TooManySyncRequestsException tooMany)
        {
            return CodedProblem.RateLimited(http.Response, tooMany.RetryAfter, tooMany.Message);
        }

        var run = (await queries.GetAsync([planned[0].RunId], cancellationToken))[0];
        return TypedResults.Accepted($"/api/ingest/runs/{run.Id}", new IngestStarted(run.Id, run.Resource, run.Status, run.RequestedAt));
    }

    private static async Task<Results<Ok<IngestRun>, NotFound>> GetRunAsync(
        Guid runId, SyncRunQueries queries, CancellationToken cancellationToken)
    {
        var runs = await queries.GetAsync([runId], cancellationToken);
        return runs is [var run]
            ? TypedResults.Ok(new IngestRun(run.Id, run.Resource, run.Trigger, run.Status, run.RequestedAt, run.StartedAt, run.FinishedAt,
                run.Pages, run.RecordsUpserted, run.Error))
            : TypedResults.NotFound();
    }

    /// <summary>
    /// The seed's ingest calls may carry their shopId in a JSON body; <see cref="OwnShopIdFilter"/> has already checked
    /// one in the query string.
    /// </summary>
    private static async Task<string?> LegacyBodyShopIdAsync(HttpContext http, CancellationToken cancellationToken)
    {
        if (!http.Request.HasJsonContentType() || http.Request.ContentLength == 0)
        {
            return null;
        }

        try
        {
            var body = await http.Request.ReadFromJsonAsync<LegacyBody>(cancellationToken);
            return body?.ShopId;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

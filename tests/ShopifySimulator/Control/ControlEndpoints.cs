using ShopIngest.ShopifySimulator.Bulk;
using ShopIngest.ShopifySimulator.Faults;
using ShopIngest.ShopifySimulator.Generation;
using ShopIngest.ShopifySimulator.GraphQL;
using ShopIngest.ShopifySimulator.Shops;
using ShopIngest.ShopifySimulator.Webhooks;

namespace ShopIngest.ShopifySimulator.Control;

/// <summary>
/// The simulator's own endpoints under <c>/_sim</c>, for tests, benchmarks and the demo; production
/// code never calls them. Request problems are answered 400 with <c>{"errors":["…"]}</c>.
/// </summary>
internal static class ControlEndpoints
{
    public static IEndpointRouteBuilder MapSimulatorControl(this IEndpointRouteBuilder app)
    {
        var sim = app.MapGroup("/_sim");
        sim.MapGet("/health", (ShopRegistry shops) => Results.Ok(new { Status = "Healthy", Shops = shops.Domains.Count() }));
        sim.MapGet("/shops", (ShopRegistry shops) => Results.Ok(shops.Domains));
        sim.MapPost("/shops", CreateShop);
        sim.MapDelete("/shops/{shop}", (string shop, ShopRegistry shops) => shops.Remove(shop) ? Results.NoContent() : Results.NotFound());
        sim.MapPost("/shops/{shop}/changes", ApplyChangesAsync);
        sim.MapPut("/shops/{shop}/faults", ConfigureFaults);
        sim.MapGet("/shops/{shop}/faults", (string shop, ShopRegistry shops) => WithShop(shops, shop, found => Results.Ok(found.Faults.Settings)));
        sim.MapGet("/shops/{shop}/stats", (string shop, ShopRegistry shops) => WithShop(shops, shop, found =>
            Results.Ok(new { found.Domain, Stats = found.Stats.Snapshot(), ThrottleStatus = found.Bucket.Current() })));
        sim.MapGet("/shops/{shop}/truth", GetTruthAsync);
        sim.MapShopAccess();
        sim.MapWebhookControl();
        BulkResultFiles.MapBulkResults(app);
        return app;
    }

    private static IResult CreateShop(ShopDefinition definition, ShopRegistry shops)
    {
        var problems = definition.Validate();
        if (problems.Count > 0)
        {
            return Problems(problems);
        }

        var shop = shops.CreateOrReplace(definition);
        return Results.Created($"/_sim/shops/{shop.Domain}", ShopSummary.Of(shop));
    }

    private static async Task<IResult> ApplyChangesAsync(
        string shop, ChangeRequest changes, ShopRegistry shops, SimulatorClock clock, CancellationToken cancellationToken)
    {
        if (shops.Find(shop) is not { } found)
        {
            return Results.NotFound();
        }

        // The events and webhook bodies are taken while the request holds the data, right after the change.
        var (outcome, messages) = await found.UseDataAsync(data =>
        {
            var now = clock.Time.GetUtcNow();
            var applied = found.Changes.Apply(data, changes, now);
            return (applied, applied.Result is { } result ? ChangeNotifications.Collect(found, result, data.LatestTimestamp, now) : []);
        }, cancellationToken);
        if (outcome.Result is not { } result)
        {
            return Problems(outcome.Problems);
        }

        found.Webhooks.Publish(messages);
        return Results.Ok(new { result.Created, result.Updated, result.Deleted, result.Cancelled, result.Refunded, Warnings = outcome.Problems });
    }

    private static IResult ConfigureFaults(string shop, FaultSettings? faults, ShopRegistry shops) => WithShop(shops, shop, found =>
    {
        var settings = faults ?? FaultSettings.None;
        var problems = settings.Validate();
        if (problems.Count > 0)
        {
            return Problems(problems);
        }

        found.Faults.Configure(settings);
        return Results.Ok(settings);
    });

    private static async Task<IResult> GetTruthAsync(string shop, ShopRegistry shops, CancellationToken cancellationToken) =>
        shops.Find(shop) is { } found
            ? Results.Ok(await found.UseDataAsync(ShopTruth.Of, cancellationToken))
            : Results.NotFound();

    internal static IResult WithShop(ShopRegistry shops, string shop, Func<SimulatedShop, IResult> action) =>
        shops.Find(shop) is { } found ? action(found) : Results.NotFound();

    internal static IResult Problems(IEnumerable<string> problems) => Results.BadRequest(new { Errors = problems });

    /// <summary>What <c>POST /_sim/shops</c> answers: the shop as generated, what its token may do and where to query it.</summary>
    private sealed record ShopSummary(
        string Shop, int Products, int Customers, int Orders, string Currency, string Timezone,
        IReadOnlyList<string> Scopes, int SearchIndexLagSeconds, int BulkExportObjectsPerSecond, int BulkResultUrlTtlSeconds,
        string WebhookSecret, string GraphqlPath)
    {
        public static ShopSummary Of(SimulatedShop shop) => new(
            shop.Domain,
            shop.Data.Products.LiveCount,
            shop.Data.Customers.LiveCount,
            shop.Data.Orders.LiveCount,
            shop.Data.Settings.Currency,
            shop.Data.Settings.TimeZone.Id,
            shop.Scopes.Handles,
            shop.Serving.SearchIndexLagSeconds,
            shop.Serving.BulkExportObjectsPerSecond,
            shop.Serving.BulkResultUrlTtlSeconds,
            shop.Serving.Webhooks.Secret,
            AdminApiEndpoint.Route.Replace("{shopDomain}", shop.Domain, StringComparison.Ordinal)
                .Replace("{version}", "2025-10", StringComparison.Ordinal));
    }
}

using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ShopIngest.IntegrationTests.Infrastructure;
using ShopIngest.Modules.Sync.Resources;

namespace ShopIngest.IntegrationTests.Sync;

/// <summary>
/// The sync against what real shops send and refuse: missing scopes, the 60-day orders window, frozen shops, queries
/// over the cost limit, errors beside data, and a search index that lags behind writes.
/// </summary>
[Collection(AppHostTests.Name)]
public sealed class ShopifyRealityTests(AppHostFixture fixture)
{
    private const string ShopStateQuery = """
        { me { shop { access { grantedScopes missingScopes checkedAt } ordersHistoryLimited syncPausedReason syncPausedUntil credentialsError } } }
        """;

    [Fact]
    public async Task Without_read_customers_products_and_orders_sync_and_only_the_customers_run_fails_naming_the_scope()
    {
        var tenant = await SyncTestTenant.CreateAsync(fixture, products: 5, customers: 8, orders: 20,
            scopes: ["read_products", "read_orders", "read_all_orders"]);
        await using var engine = await SyncEngine.CreateAsync(fixture);

        await engine.SyncAsync(tenant.Id);

        var runs = await SyncedData.RunsAsync(fixture, tenant.Id);
        Assert.Equal("succeeded", runs.Single(r => r.Resource == "products").Status);
        Assert.Equal("succeeded", runs.Single(r => r.Resource == "orders").Status);
        var customers = runs.Single(r => r.Resource == "customers");
        Assert.Equal("failed", customers.Status);
        Assert.Contains("read_customers", customers.Error, StringComparison.Ordinal);
        Assert.Equal(20, (await SyncedData.RecordsAsync(fixture, tenant.Id, "orders")).Count);

        var shop = await ShopStateAsync(tenant);
        Assert.Equal(["read_customers"], shop.GetProperty("access").GetProperty("missingScopes").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(JsonValueKind.Null, shop.GetProperty("credentialsError").ValueKind);
    }

    [Fact]
    public async Task Without_read_all_orders_the_shop_says_its_orders_history_is_limited_and_holds_what_Shopify_shows()
    {
        var tenant = await SyncTestTenant.CreateAsync(fixture, products: 5, customers: 10, orders: 200,
            scopes: ["read_products", "read_customers", "read_orders"]);
        await using var engine = await SyncEngine.CreateAsync(fixture);

        await engine.SyncAsync(tenant.Id);

        var shop = await ShopStateAsync(tenant);
        Assert.True(shop.GetProperty("ordersHistoryLimited").GetBoolean(), "a token without read_all_orders must be reported as a limited history");
        Assert.Contains("read_all_orders", shop.GetProperty("access").GetProperty("missingScopes").EnumerateArray().Select(s => s.GetString()));
        var visible = await tenant.Shop.RecordsAsync("orders");
        var stored = await SyncedData.RecordsAsync(fixture, tenant.Id, "orders");
        Assert.True(visible.Count < 200, "the simulator should hide the orders older than 60 days from this token");
        Assert.Equal(visible.Select(o => o.Id).Order(), stored.Select(o => o.Id).Order());
    }

    [Fact]
    public async Task A_shop_with_every_scope_is_not_limited()
    {
        var tenant = await SyncTestTenant.CreateAsync(fixture, products: 2, customers: 2, orders: 2);
        await using var engine = await SyncEngine.CreateAsync(fixture);

        await engine.SyncAsync(tenant.Id);

        var shop = await ShopStateAsync(tenant);
        Assert.False(shop.GetProperty("ordersHistoryLimited").GetBoolean());
        Assert.Empty(shop.GetProperty("access").GetProperty("missingScopes").EnumerateArray());
    }

    [Fact]
    public async Task A_frozen_shop_is_paused_with_a_reason_and_the_schedule_does_not_call_Shopify_again_before_the_pause_ends()
    {
        var tenant = await SyncTestTenant.CreateAsync(fixture, products: 3, customers: 3, orders: 3);
        await using var engine = await SyncEngine.CreateAsync(fixture);
        await tenant.Shop.SetFaultsAsync(new { paymentRequiredRate = 1.0 });

        var before = DateTimeOffset.UtcNow;
        await engine.SyncAsync(tenant.Id);

        var runs = await SyncedData.RunsAsync(fixture, tenant.Id);
        Assert.All(runs, run => Assert.Equal("failed", run.Status));
        Assert.All(runs, run => Assert.Contains("frozen", run.Error, StringComparison.Ordinal));
        var shop = await ShopStateAsync(tenant);
        Assert.Contains("frozen", shop.GetProperty("syncPausedReason").GetString(), StringComparison.Ordinal);
        var pausedUntil = shop.GetProperty("syncPausedUntil").GetDateTimeOffset();
        Assert.InRange(pausedUntil, before + TimeSpan.FromMinutes(59), DateTimeOffset.UtcNow + TimeSpan.FromMinutes(61));
        Assert.DoesNotContain(tenant.Id, await engine.SyncableTenantsAsync());

        var requests = await tenant.Shop.RequestsAsync();
        await engine.ScheduledSyncAsync(tenant.Id);
        Assert.Equal(requests, await tenant.Shop.RequestsAsync());
    }

    [Fact]
    public async Task Each_pause_in_a_row_lasts_twice_as_long_and_a_successful_manual_sync_ends_the_pause()
    {
        var tenant = await SyncTestTenant.CreateAsync(fixture, products: 3, customers: 3, orders: 3);
        await using var engine = await SyncEngine.CreateAsync(fixture);
        await tenant.Shop.SetFaultsAsync(new { lockedRate = 1.0 });
        await engine.SyncAsync(tenant.Id);

        await engine.SyncAsync(tenant.Id);

        var paused = await engine.CredentialsAsync(tenant.Id);
        Assert.Equal(2, paused!.ConsecutiveSyncPauses);
        Assert.InRange(paused.SyncPausedUntil!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(118), TimeSpan.FromMinutes(121));
        Assert.Contains("locked", (await ShopStateAsync(tenant)).GetProperty("syncPausedReason").GetString(), StringComparison.Ordinal);

        await tenant.Shop.SetFaultsAsync(null);
        await engine.SyncAsync(tenant.Id);

        var resumed = await engine.CredentialsAsync(tenant.Id);
        Assert.Null(resumed!.SyncPausedUntil);
        Assert.Equal(0, resumed.ConsecutiveSyncPauses);
        Assert.Contains(tenant.Id, await engine.SyncableTenantsAsync());
        Assert.Equal(JsonValueKind.Null, (await ShopStateAsync(tenant)).GetProperty("syncPausedReason").ValueKind);
    }

    [Fact]
    public async Task A_shop_Shopify_no_longer_knows_is_paused_rather_than_retried()
    {
        var tenant = await SyncTestTenant.CreateAsync(fixture, products: 3, customers: 3, orders: 3);
        await using var engine = await SyncEngine.CreateAsync(fixture);
        await tenant.Shop.SetFaultsAsync(new { notFoundRate = 1.0 });

        await engine.SyncAsync(tenant.Id);

        Assert.All(await SyncedData.RunsAsync(fixture, tenant.Id), run => Assert.Contains("not found", run.Error, StringComparison.Ordinal));
        Assert.NotNull((await engine.CredentialsAsync(tenant.Id))!.SyncPausedUntil);
    }

    [Fact]
    public async Task Security_rejections_are_retried_and_the_sync_completes()
    {
        var tenant = await SyncTestTenant.CreateAsync(fixture, products: 10, customers: 20, orders: 60);
        await using var engine = await SyncEngine.CreateAsync(fixture, new Dictionary<string, string?> { ["Sync:PageSize"] = "10" });
        await tenant.Shop.SetFaultsAsync(new { securityRejectionRate = 0.3 });

        await engine.SyncAsync(tenant.Id);

        var runs = await SyncedData.RunsAsync(fixture, tenant.Id);
        Assert.All(runs, run => Assert.Equal("succeeded", run.Status));
        Assert.True(runs.Sum(r => r.Retries) > 0, "some requests should have met a 430 and been retried");
        Assert.Equal(60, (await SyncedData.RecordsAsync(fixture, tenant.Id, "orders")).Count);
    }

    [Fact]
    public async Task A_page_Shopify_finds_too_costly_is_asked_again_smaller_and_the_run_completes()
    {
        var tenant = await SyncTestTenant.CreateAsync(fixture, products: 5, customers: 5, orders: 80);
        var answers = new RefuseFirstOrdersPageAsTooCostly();
        await using var engine = await SyncEngine.CreateAsync(fixture, shopifyAnswers: () => answers);

        await engine.SyncAsync(tenant.Id, default, SyncResource.Orders);

        var run = Assert.Single(await SyncedData.RunsAsync(fixture, tenant.Id));
        Assert.Equal("succeeded", run.Status);
        Assert.Equal(80, (await SyncedData.RecordsAsync(fixture, tenant.Id, "orders")).Count);
        Assert.NotNull(answers.RefusedFirst);
        Assert.True(answers.LaterFirsts.Count > 0, "the refused page must be asked again");
        Assert.All(answers.LaterFirsts, first => Assert.True(first <= answers.RefusedFirst / 2, $"a page of {first} was asked after one of {answers.RefusedFirst} was refused"));
    }

    [Fact]
    public async Task An_answer_with_data_and_an_error_fails_the_run_and_writes_nothing_of_it()
    {
        var tenant = await SyncTestTenant.CreateAsync(fixture, products: 5, customers: 5, orders: 30);
        await using var engine = await SyncEngine.CreateAsync(fixture, shopifyAnswers: () => new AddErrorBesideOrdersData());

        await engine.SyncAsync(tenant.Id, default, SyncResource.Orders);

        var run = Assert.Single(await SyncedData.RunsAsync(fixture, tenant.Id));
        Assert.Equal("failed", run.Status);
        Assert.Contains(AddErrorBesideOrdersData.Message, run.Error, StringComparison.Ordinal);
        Assert.Empty(await SyncedData.RecordsAsync(fixture, tenant.Id, "orders"));
        Assert.Null(await SyncedData.CursorAsync(fixture, tenant.Id, "orders"));
    }

    [Fact]
    public async Task Records_the_search_index_had_not_caught_up_with_are_fetched_by_the_next_run_through_the_overlap()
    {
        const int Lag = 3;
        var tenant = await SyncTestTenant.CreateAsync(fixture, products: 10, customers: 10, orders: 40, searchIndexLagSeconds: Lag);
        await using var engine = await SyncEngine.CreateAsync(fixture);
        await engine.SyncAsync(tenant.Id);

        await tenant.Shop.ChangeAsync(new { update = new { orders = 10 }, create = new { orders = 5 } });
        await engine.SyncAsync(tenant.Id);
        await Task.Delay(TimeSpan.FromSeconds(Lag + 1));
        await engine.SyncAsync(tenant.Id);

        var truth = await tenant.Shop.RecordsAsync("orders");
        var stored = await SyncedData.RecordsAsync(fixture, tenant.Id, "orders");
        Assert.Equal(truth.OrderBy(o => o.Id), stored.OrderBy(o => o.Id));
    }

    private async Task<JsonElement> ShopStateAsync(SyncTestTenant tenant)
    {
        using var client = fixture.CreateHostClient(tenant.Tenant.Token);
        using var response = await client.PostGraphQLAsync(ShopStateQuery);
        var json = await response.ReadJsonAsync();
        Assert.False(json.TryGetProperty("errors", out var errors), $"me.shop failed: {errors}");
        return json.GetProperty("data").GetProperty("me").GetProperty("shop");
    }

    /// <summary>Answers the first orders page with Shopify's documented MAX_COST_EXCEEDED; passes everything else on.</summary>
    private sealed class RefuseFirstOrdersPageAsTooCostly : DelegatingHandler
    {
        public int? RefusedFirst { get; private set; }

        public List<int> LaterFirsts { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = JsonNode.Parse(await request.Content!.ReadAsStringAsync(cancellationToken))!;
            if (body["query"]!.GetValue<string>().Contains("query Orders(", StringComparison.Ordinal))
            {
                var first = body["variables"]!["first"]!.GetValue<int>();
                if (RefusedFirst is null)
                {
                    RefusedFirst = first;
                    var requested = first * 40;
                    var refusal = ShopifyFixtureText.MaxCostExceeded(requested);
                    return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(refusal, Encoding.UTF8, "application/json") };
                }

                LaterFirsts.Add(first);
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>Passes the orders query to the simulator and adds an INTERNAL_SERVER_ERROR beside the data it answered.</summary>
    private sealed class AddErrorBesideOrdersData : DelegatingHandler
    {
        public const string Message = "Internal error. Looks like something went wrong on our end.";

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var isOrders = (await request.Content!.ReadAsStringAsync(cancellationToken)).Contains("query Orders(", StringComparison.Ordinal);
            var response = await base.SendAsync(request, cancellationToken);
            if (!isOrders || response.StatusCode != HttpStatusCode.OK)
            {
                return response;
            }

            var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!.AsObject();
            answer["errors"] = new JsonArray(new JsonObject
            {
                ["message"] = Message,
                ["extensions"] = new JsonObject { ["code"] = "INTERNAL_SERVER_ERROR" },
            });
            response.Content = new StringContent(answer.ToJsonString(), Encoding.UTF8, "application/json");
            return response;
        }
    }
}

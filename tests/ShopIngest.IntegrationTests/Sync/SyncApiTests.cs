using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ShopIngest.IntegrationTests.Infrastructure;

namespace ShopIngest.IntegrationTests.Sync;

/// <summary>The sync as a merchant drives it: through the Host's GraphQL and REST endpoints, with the Host's own scheduler.</summary>
[Collection(AppHostTests.Name)]
public sealed class SyncApiTests(AppHostFixture fixture)
{
    [Fact]
    public async Task A_merchant_syncs_everything_and_watches_the_runs_succeed()
    {
        var shop = await SimulatedShop.CreateAsync(fixture, products: 20, customers: 100, orders: 400);
        var tenant = await fixture.SignUpAsync(shop.Domain, shop.AccessToken);
        using var client = fixture.CreateHostClient(tenant.Token);

        var started = await GraphQLAsync(client, $"mutation {{ syncAll {{ {SyncRuns.Fields} }} }}");

        var runIds = started.GetProperty("data").GetProperty("syncAll").EnumerateArray().Select(run => run.GetProperty("id").GetString()!).ToList();
        Assert.Equal(3, runIds.Count);
        var runs = await SyncRuns.WaitAsync(client, runIds);
        Assert.All(runs, run => Assert.Equal("succeeded", run.GetProperty("status").GetString()));
        Assert.All(runs, run => Assert.Equal("manual", run.GetProperty("trigger").GetString()));
        Assert.Equal(400, runs.Single(r => r.GetProperty("resource").GetString() == "orders").GetProperty("recordsUpserted").GetInt64());

        var status = await GraphQLAsync(client, $"{{ syncStatus {{ resource cursor lastRun {{ {SyncRuns.Fields} }} }} }}");
        Assert.All(status.GetProperty("data").GetProperty("syncStatus").EnumerateArray(), resource =>
        {
            Assert.Equal(JsonValueKind.String, resource.GetProperty("cursor").ValueKind);
            Assert.Contains(resource.GetProperty("lastRun").GetProperty("id").GetString(), runIds);
        });
    }

    [Fact]
    public async Task The_run_history_pages_newest_first_with_cursors()
    {
        var shop = await SimulatedShop.CreateAsync(fixture, products: 2, customers: 2, orders: 2);
        var tenant = await fixture.SignUpAsync(shop.Domain, shop.AccessToken);
        using var client = fixture.CreateHostClient(tenant.Token);
        var started = new List<string>();
        foreach (var mutation in new[] { "syncProducts", "syncCustomers", "syncOrders" })
        {
            var json = await GraphQLAsync(client, $"mutation {{ {mutation} {{ id }} }}");
            started.Add(json.GetProperty("data").GetProperty(mutation).GetProperty("id").GetString()!);
        }

        var first = (await GraphQLAsync(client, "{ syncRuns(first: 2) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }"))
            .GetProperty("data").GetProperty("syncRuns");
        var after = first.GetProperty("pageInfo").GetProperty("endCursor").GetString();
        var second = (await GraphQLAsync(client, "query($after: String) { syncRuns(first: 2, after: $after) { nodes { id } pageInfo { hasNextPage } } }", new { after }))
            .GetProperty("data").GetProperty("syncRuns");

        var listed = first.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node").GetProperty("id").GetString())
            .Concat(second.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()))
            .ToList();
        Assert.True(first.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        Assert.False(second.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        Assert.Equal(Enumerable.Reverse(started), listed);
    }

    [Fact]
    public async Task A_shop_never_synced_has_every_resource_without_cursor_or_run_and_no_history()
    {
        var tenant = await fixture.SignUpAsync();
        using var client = fixture.CreateHostClient(tenant.Token);

        var data = (await GraphQLAsync(client, "{ syncStatus { resource cursor lastRun { id } } syncRuns { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }"))
            .GetProperty("data");

        Assert.Equal(["products", "customers", "orders"], data.GetProperty("syncStatus").EnumerateArray().Select(s => s.GetProperty("resource").GetString()));
        Assert.All(data.GetProperty("syncStatus").EnumerateArray(), status =>
        {
            Assert.Equal(JsonValueKind.Null, status.GetProperty("cursor").ValueKind);
            Assert.Equal(JsonValueKind.Null, status.GetProperty("lastRun").ValueKind);
        });
        var runs = data.GetProperty("syncRuns");
        Assert.Equal(0, runs.GetProperty("totalCount").GetInt32());
        Assert.Empty(runs.GetProperty("nodes").EnumerateArray());
        Assert.False(runs.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
    }

    [Theory]
    [InlineData("not-a-cursor")]
    [InlineData("eyJTb3J0IjoiUHJvY2Vzc2VkQXQiLCJLZXkiOiIyMDI1LTAxLTAxVDAwOjAwOjAwKzAwOjAwIiwiSWQiOjF9")] // an orders cursor
    public async Task The_run_history_refuses_a_cursor_that_is_not_its_own_with_BAD_USER_INPUT(string after)
    {
        var tenant = await fixture.SignUpAsync();
        using var client = fixture.CreateHostClient(tenant.Token);

        var response = await GraphQLAsync(client, "query($after: String) { syncRuns(after: $after) { nodes { id } } }", new { after });

        Assert.Equal("BAD_USER_INPUT", response.ErrorCode());
    }

    [Fact]
    public async Task Sync_fields_ask_for_a_signed_in_user()
    {
        using var anonymous = fixture.CreateHostClient();

        var runs = await GraphQLAsync(anonymous, "{ syncRuns { nodes { id } } }");
        var sync = await GraphQLAsync(anonymous, "mutation { syncAll { id } }");

        Assert.Equal("AUTH_NOT_AUTHENTICATED", runs.ErrorCode());
        Assert.Equal("AUTH_NOT_AUTHENTICATED", sync.ErrorCode());
    }

    [Fact]
    public async Task The_rest_ingest_endpoint_accepts_a_sync_of_the_callers_shop_with_202_and_the_run_id()
    {
        var shop = await SimulatedShop.CreateAsync(fixture, products: 2, customers: 2, orders: 2);
        var tenant = await fixture.SignUpAsync(shop.Domain, shop.AccessToken);
        using var client = fixture.CreateHostClient(tenant.Token);

        using var response = await client.PostAsync($"/api/ingest/orders?shopId={tenant.Id}", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var runId = body.GetProperty("runId").GetString();
        Assert.Equal("orders", body.GetProperty("resource").GetString());
        Assert.Equal($"/api/ingest/runs/{runId}", response.Headers.Location?.ToString());
        using var run = await client.GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
    }

    [Fact]
    public async Task The_rest_ingest_endpoint_refuses_another_shops_id_and_a_missing_token()
    {
        var tenant = await fixture.SignUpAsync();
        using var client = fixture.CreateHostClient(tenant.Token);
        using var anonymous = fixture.CreateHostClient();

        using var otherShop = await client.PostAsJsonAsync("/api/ingest/products", new { shopId = Guid.NewGuid() });
        using var noToken = await anonymous.PostAsync("/api/ingest/products", null);

        Assert.Equal(HttpStatusCode.Forbidden, otherShop.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
    }

    private static async Task<JsonElement> GraphQLAsync(HttpClient client, string query, object? variables = null)
    {
        using var response = await client.PostGraphQLAsync(query, variables);
        return await response.ReadJsonAsync();
    }
}

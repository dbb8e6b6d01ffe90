using ShopIngest.ShopifySimulator.Tests.Support;

namespace ShopIngest.ShopifySimulator.Tests;

/// <summary>Faults that tell the client something about the shop (frozen, locked, gone, refused) rather than the network.</summary>
public sealed class ShopStateFaultTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    private const string OrdersQuery = "{ shop { name } ordersCount { count } }";

    public static TheoryData<string, int, string, string> HttpFaults => new()
    {
        { "paymentRequiredRate", 402, "paymentRequired", "frozen" },
        { "lockedRate", 423, "locked", "locked" },
        { "notFoundRate", 404, "notFound", "Not Found" },
        { "securityRejectionRate", 430, "securityRejection", "Shopify Security Rejection" },
        { "forbiddenRate", 403, "forbidden", "scope" },
    };

    [Theory]
    [MemberData(nameof(HttpFaults))]
    public async Task A_shop_state_fault_answers_its_status_with_Shopifys_error_body_and_is_counted(
        string rate, int status, string counter, string messageFragment)
    {
        var shop = await simulator.CreateShopAsync();
        await shop.SetFaultsAsync(new Dictionary<string, double> { [rate] = 1.0 });

        using var response = await shop.PostGraphQLAsync(OrdersQuery);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(JsonValueKind.String, body.GetProperty("errors").ValueKind);
        Assert.Contains(messageFragment, body.GetProperty("errors").GetString(), StringComparison.Ordinal);
        Assert.False(body.TryGetProperty("data", out _), $"a {status} carries no data: {body}");
        var faults = (await shop.StatsAsync()).GetProperty("stats").GetProperty("faultsInjected");
        Assert.Equal(1, faults.GetProperty(counter).GetInt32());
    }

    [Fact]
    public async Task An_injected_access_denial_answers_200_with_ACCESS_DENIED_on_the_scoped_field_and_leaves_the_rest()
    {
        var shop = await simulator.CreateShopAsync();
        await shop.SetFaultsAsync(new { accessDeniedRate = 1.0 });

        var response = await shop.QueryAsync(OrdersQuery);

        var data = response.GetProperty("data");
        Assert.Equal(JsonValueKind.Object, data.GetProperty("shop").ValueKind);
        Assert.Equal(JsonValueKind.Null, data.GetProperty("ordersCount").ValueKind);
        var error = response.SingleError();
        Assert.Equal("ACCESS_DENIED", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal("ordersCount", error.GetProperty("path")[0].GetString());
        Assert.Equal(1, (await shop.StatsAsync()).GetProperty("stats").GetProperty("faultsInjected").GetProperty("accessDenied").GetInt32());
    }

    [Fact]
    public async Task An_injected_access_denial_lasts_one_request_and_leaves_the_granted_scopes_alone()
    {
        var shop = await simulator.CreateShopAsync();
        await shop.SetFaultsAsync(new { accessDeniedRate = 1.0 });
        await shop.QueryAsync(OrdersQuery);
        await shop.SetFaultsAsync(new { });

        var data = await shop.DataAsync("{ currentAppInstallation { accessScopes { handle } } ordersCount { count } }");

        Assert.Equal(4, data.GetProperty("currentAppInstallation").GetProperty("accessScopes").GetArrayLength());
        Assert.True(data.GetProperty("ordersCount").GetProperty("count").GetInt32() > 0, "orders should be readable again");
    }

    [Fact]
    public async Task Shop_state_faults_follow_the_seed_like_the_others()
    {
        var faults = new { paymentRequiredRate = 0.2, lockedRate = 0.2, accessDeniedRate = 0.2 };

        var (firstOutcomes, secondOutcomes) = await FaultOutcomes.OfTwinShopsAsync(simulator, 77, faults, OrdersQuery, 25);

        Assert.Equal(firstOutcomes, secondOutcomes);
        Assert.Contains("ok", firstOutcomes);
        Assert.Contains("402", firstOutcomes);
        Assert.Contains("423", firstOutcomes);
        Assert.Contains("denied", firstOutcomes);
    }

    [Fact]
    public async Task Shop_state_faults_leave_the_sequence_of_the_earlier_faults_as_it_was()
    {
        // A shop-state fault that never fires still draws; the server errors of the same seed must not move.
        var plain = await simulator.CreateShopAsync(new ShopSpec { Seed = 78 });
        var withShopState = await simulator.CreateShopAsync(new ShopSpec { Seed = 78 });
        await plain.SetFaultsAsync(new { serverErrorRate = 0.4 });
        await withShopState.SetFaultsAsync(new { serverErrorRate = 0.4, lockedRate = 1e-12 });

        var plainOutcomes = await FaultOutcomes.OfAsync(plain, OrdersQuery, 20);
        var withShopStateOutcomes = await FaultOutcomes.OfAsync(withShopState, OrdersQuery, 20);

        Assert.Equal(plainOutcomes, withShopStateOutcomes);
        Assert.Contains("ok", plainOutcomes);
        Assert.Contains(plainOutcomes, outcome => outcome != "ok");
    }

    [Theory]
    [InlineData("securityRejectionRate", 2.0)]
    [InlineData("bulkTimeoutRate", 1.5)]
    [InlineData("bulkFailRate", -0.1)]
    public async Task Rates_outside_zero_to_one_are_refused_by_name(string rate, double value)
    {
        var shop = await simulator.CreateShopAsync();

        using var response = await simulator.Http.PutAsJsonAsync($"/_sim/shops/{shop.Domain}/faults", new Dictionary<string, double> { [rate] = value });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(rate, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

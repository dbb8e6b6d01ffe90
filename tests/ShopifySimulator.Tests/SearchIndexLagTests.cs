using ShopIngest.ShopifySimulator.Tests.Support;

namespace ShopIngest.ShopifySimulator.Tests;

/// <summary>
/// The search behind <c>query:</c> catches up with a change only after the shop's lag: until then it matches the
/// record's previous version (a record created since, not at all). Lists without a filter and lookups by id read the
/// records themselves and see every change at once.
/// </summary>
public sealed class SearchIndexLagTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    private const int Lag = 30;
    private const string TimeFormat = "yyyy-MM-ddTHH:mm:ssZ";

    [Fact]
    public async Task An_order_updated_within_the_lag_is_matched_by_its_previous_updatedAt_until_the_index_catches_up()
    {
        var shop = await simulator.CreateShopAsync(new ShopSpec { SearchIndexLagSeconds = Lag });
        var order = (await shop.WalkAsync("orders", "id updatedAt", "sortKey: UPDATED_AT", pageSize: 100))[5];
        var before = order.Time("updatedAt");
        var changedSince = $"updated_at:>='{simulator.Clock.GetUtcNow().AddMinutes(-1).ToString(TimeFormat, null)}'";
        var unchangedSince = $"updated_at:<='{before.ToString(TimeFormat, null)}'";

        await shop.ChangeAsync(new { update = new { ids = new[] { order.Id() } } });
        var lagging = await SearchAsync(shop, changedSince, unchangedSince);
        var lookedUp = (await shop.DataAsync("query O($id: ID!) { order(id: $id) { updatedAt } }", new { id = order.Id() })).GetProperty("order");
        var unfiltered = (await shop.WalkAsync("orders", "id updatedAt", pageSize: 100)).Single(o => o.Id() == order.Id());
        simulator.Clock.Advance(TimeSpan.FromSeconds(Lag + 1));
        var caughtUp = await SearchAsync(shop, changedSince, unchangedSince);

        Assert.True(lookedUp.Time("updatedAt") > before, "a lookup by id should see the change at once");
        Assert.True(unfiltered.Time("updatedAt") > before, "an unfiltered list should see the change at once");
        Assert.DoesNotContain(order.Id(), lagging.ChangedSince);
        Assert.Contains(order.Id(), lagging.UnchangedSince);
        Assert.Contains(order.Id(), caughtUp.ChangedSince);
        Assert.DoesNotContain(order.Id(), caughtUp.UnchangedSince);
    }

    [Fact]
    public async Task An_order_created_within_the_lag_is_missing_from_filtered_lists_and_counts_until_the_index_catches_up()
    {
        var shop = await simulator.CreateShopAsync();
        await shop.SetSearchIndexLagAsync(Lag);
        const string Everything = "created_at:>='2000-01-01T00:00:00Z'";
        var countBefore = await CountAsync(shop, Everything);

        var created = (await shop.ChangeAsync(new { create = new { orders = 1 } })).GetProperty("created").GetProperty("orders")[0].GetString();
        var unfiltered = await shop.WalkAsync("orders", "id", pageSize: 100);
        var filtered = await shop.WalkAsync("orders", "id", $"query: \"{Everything}\"", pageSize: 100);
        var countLagging = await CountAsync(shop, Everything);
        simulator.Clock.Advance(TimeSpan.FromSeconds(Lag + 1));
        var countCaughtUp = await CountAsync(shop, Everything);

        Assert.Contains(created, unfiltered.Select(o => o.Id()));
        Assert.DoesNotContain(created, filtered.Select(o => o.Id()));
        Assert.Equal(countBefore, countLagging);
        Assert.Equal(countBefore + 1, countCaughtUp);
    }

    [Fact]
    public async Task Without_a_lag_every_change_is_searchable_at_once()
    {
        var shop = await simulator.CreateShopAsync();
        var since = $"updated_at:>='{simulator.Clock.GetUtcNow().AddMinutes(-1).ToString(TimeFormat, null)}'";
        var order = (await shop.WalkAsync("orders", "id", pageSize: 100))[0];

        await shop.ChangeAsync(new { update = new { ids = new[] { order.Id() } } });
        var filtered = await shop.WalkAsync("orders", "id", $"query: \"{since}\"", pageSize: 100);

        Assert.Contains(order.Id(), filtered.Select(o => o.Id()));
    }

    [Fact]
    public async Task The_lag_is_a_shop_setting_that_can_be_read_changed_and_is_validated()
    {
        var shop = await simulator.CreateShopAsync(new ShopSpec { SearchIndexLagSeconds = 5 });
        var settings = $"/_sim/shops/{shop.Domain}/settings";

        var created = await simulator.Http.GetFromJsonAsync<JsonElement>(settings);
        await shop.SetSearchIndexLagAsync(12);
        var changed = await simulator.Http.GetFromJsonAsync<JsonElement>(settings);
        using var refused = await simulator.Http.PutAsJsonAsync(settings, new { searchIndexLagSeconds = -1 });

        Assert.Equal(5, created.GetProperty("searchIndexLagSeconds").GetInt32());
        Assert.Equal(12, changed.GetProperty("searchIndexLagSeconds").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(12, (await simulator.Http.GetFromJsonAsync<JsonElement>(settings)).GetProperty("searchIndexLagSeconds").GetInt32());
    }

    private static async Task<(List<string> ChangedSince, List<string> UnchangedSince)> SearchAsync(ShopClient shop, string changedSince, string unchangedSince)
    {
        var changed = await shop.WalkAsync("orders", "id", $"sortKey: UPDATED_AT, query: \"{changedSince}\"", pageSize: 100);
        var unchanged = await shop.WalkAsync("orders", "id", $"sortKey: UPDATED_AT, query: \"{unchangedSince}\"", pageSize: 100);
        return ([.. changed.Select(o => o.Id())], [.. unchanged.Select(o => o.Id())]);
    }

    private static async Task<int> CountAsync(ShopClient shop, string query) =>
        (await shop.DataAsync($"{{ ordersCount(query: \"{query}\") {{ count }} }}")).GetProperty("ordersCount").GetProperty("count").GetInt32();
}

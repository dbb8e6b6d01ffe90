using ShopIngest.ShopifySimulator.Tests.Support;

namespace ShopIngest.ShopifySimulator.Tests.Events;

/// <summary>
/// <c>events</c> (BasicEvents filtered with the 2025-10 <c>query:</c> syntax) and the deprecated <c>deletionEvents</c>:
/// the only trace of a deleted record that polling by updated_at can find.
/// </summary>
public sealed class EventsQueryTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    private const string EventFields = "id action createdAt message ... on BasicEvent { subjectId subjectType }";

    [Fact]
    public async Task Deleting_orders_products_and_customers_records_a_destroy_event_for_each_with_the_deleted_gid()
    {
        var shop = await simulator.CreateShopAsync();
        var at = simulator.Clock.GetUtcNow();

        var deleted = (await shop.ChangeAsync(new { delete = new { orders = 2, products = 1, customers = 1 } })).GetProperty("deleted");
        var orders = await shop.WalkAsync("events", EventFields, "query: \"subject_type:ORDER AND action:destroy\"");
        var all = await shop.WalkAsync("events", EventFields, "query: \"action:destroy\"");

        Assert.Equal(Gids(deleted, "orders"), orders.Select(e => e.GetProperty("subjectId").GetString()).Order(StringComparer.Ordinal));
        Assert.All(orders, e =>
        {
            Assert.Equal("ORDER", e.GetProperty("subjectType").GetString());
            Assert.Equal("destroy", e.GetProperty("action").GetString());
            Assert.StartsWith("gid://shopify/BasicEvent/", e.Id(), StringComparison.Ordinal);
            Assert.InRange(e.Time("createdAt"), at.AddSeconds(-1), at.AddSeconds(5));
        });
        Assert.Equal(4, all.Count);
        Assert.Contains(all, e => e.GetProperty("subjectType").GetString() == "CUSTOMER" && e.GetProperty("subjectId").GetString() == Gids(deleted, "customers")[0]);
    }

    [Fact]
    public async Task Other_actions_are_recorded_too_so_a_client_must_filter_on_destroy()
    {
        var shop = await simulator.CreateShopAsync();

        await shop.ChangeAsync(new { create = new { orders = 1, products = 1 }, update = new { products = 1 } });
        var actions = (await shop.WalkAsync("events", "action")).Select(e => e.GetProperty("action").GetString()).ToList();
        var destroys = await shop.WalkAsync("events", "id", "query: \"action:destroy\"");

        Assert.Contains("placed", actions);
        Assert.Contains("create", actions);
        Assert.Contains("update", actions);
        Assert.Empty(destroys);
    }

    [Fact]
    public async Task A_created_at_filter_finds_the_events_since_a_moment_in_either_sort_order_and_direction()
    {
        var shop = await simulator.CreateShopAsync();
        await shop.ChangeAsync(new { delete = new { products = 2 } });
        simulator.Clock.Advance(TimeSpan.FromMinutes(10));
        var since = simulator.Clock.GetUtcNow();
        var later = (await shop.ChangeAsync(new { delete = new { products = 3 } })).GetProperty("deleted");

        var filter = $"query: \"action:destroy AND created_at:>='{since:yyyy-MM-ddTHH:mm:ssZ}'\"";
        var byId = await shop.WalkAsync("events", EventFields, filter, pageSize: 2);
        var newestFirst = await shop.WalkAsync("events", EventFields, filter + ", sortKey: CREATED_AT, reverse: true", pageSize: 2);
        var count = await shop.DataAsync($"{{ eventsCount({filter}) {{ count precision }} }}");

        Assert.Equal(Gids(later, "products"), byId.Select(e => e.GetProperty("subjectId").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(byId.Select(e => e.Id()).Reverse(), newestFirst.Select(e => e.Id()));
        Assert.Equal(3, count.GetProperty("eventsCount").GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task An_event_shows_only_once_the_search_index_has_caught_up_with_it_though_it_keeps_the_time_it_happened()
    {
        var shop = await simulator.CreateShopAsync(new ShopSpec { SearchIndexLagSeconds = 30 });

        await shop.ChangeAsync(new { delete = new { orders = 1 } });
        var happened = simulator.Clock.GetUtcNow();
        var before = await shop.WalkAsync("events", EventFields, "query: \"action:destroy\"");
        simulator.Clock.Advance(TimeSpan.FromSeconds(31));
        var after = await shop.WalkAsync("events", EventFields, "query: \"action:destroy\"");

        Assert.Empty(before);
        Assert.InRange(Assert.Single(after).Time("createdAt"), happened.AddSeconds(-1), happened.AddSeconds(2));
    }

    [Fact]
    public async Task Without_a_lag_the_event_of_a_change_made_in_the_second_the_shop_was_created_shows_at_once_though_dated_the_next_second()
    {
        // No reference date: the shop is generated at the clock's time, so its newest timestamp is this very second.
        var shop = await simulator.CreateShopAsync(new ShopSpec { ReferenceDate = null });
        var now = simulator.Clock.GetUtcNow();

        var deleted = (await shop.ChangeAsync(new { delete = new { products = 1 } })).GetProperty("deleted");
        var events = await shop.WalkAsync("events", EventFields, "query: \"action:destroy\"");

        var only = Assert.Single(events);
        Assert.Equal(Assert.Single(Gids(deleted, "products")), only.GetProperty("subjectId").GetString());
        Assert.True(only.Time("createdAt") > now, "the change is dated after the shop's newest time, a second the clock has not reached");
    }

    [Fact]
    public async Task A_token_sees_the_events_of_the_resources_it_may_read_only()
    {
        var shop = await simulator.CreateShopAsync(new ShopSpec { Scopes = ["read_products"] });

        await shop.ChangeAsync(new { delete = new { orders = 1, products = 1 } });
        var events = await shop.WalkAsync("events", EventFields, "query: \"action:destroy\"");

        Assert.Equal("PRODUCT", Assert.Single(events).GetProperty("subjectType").GetString());
    }

    [Fact]
    public async Task The_deprecated_deletionEvents_lists_deleted_products_only()
    {
        var shop = await simulator.CreateShopAsync();

        var deleted = (await shop.ChangeAsync(new { delete = new { orders = 1, products = 2 } })).GetProperty("deleted");
        var events = await shop.WalkAsync("deletionEvents", "occurredAt subjectId subjectType", "subjectTypes: [PRODUCT]");
        var field = await shop.DataAsync("{ __type(name: \"QueryRoot\") { fields(includeDeprecated: true) { name isDeprecated deprecationReason } } }");

        Assert.Equal(Gids(deleted, "products"), events.Select(e => e.GetProperty("subjectId").GetString()).Order(StringComparer.Ordinal));
        Assert.All(events, e => Assert.Equal("PRODUCT", e.GetProperty("subjectType").GetString()));
        var deletionEvents = field.GetProperty("__type").GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "deletionEvents");
        Assert.True(deletionEvents.GetProperty("isDeprecated").GetBoolean());
        Assert.Contains("events", deletionEvents.GetProperty("deprecationReason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_cost_like_any_connection_and_OR_is_refused_rather_than_silently_widened()
    {
        var shop = await simulator.CreateShopAsync();

        var costed = await shop.QueryAsync("{ events(first: 10) { nodes { id action } } }");
        var or = await shop.QueryAsync("{ events(first: 10, query: \"subject_type:ORDER OR subject_type:PRODUCT\") { nodes { id } } }");

        Assert.Equal(12, costed.Cost().GetProperty("requestedQueryCost").GetInt32());
        Assert.Contains("OR", or.SingleError().GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static List<string> Gids(JsonElement changed, string resource) =>
        [.. changed.GetProperty(resource).EnumerateArray().Select(g => g.GetString()!).Order(StringComparer.Ordinal)];
}

using ShopIngest.IntegrationTests.Infrastructure;
using ShopIngest.Modules.Sales.Contracts;
using ShopIngest.Modules.Sales.Customers;
using ShopIngest.Modules.Sales.Orders;
using ShopIngest.Modules.Shared.Listing;
using static ShopIngest.IntegrationTests.Ingest.SampleRecords;

namespace ShopIngest.IntegrationTests.Analytics;

[Collection(AppHostTests.Name)]
public sealed class ListingTests(AppHostFixture fixture) : TenantDataTest(fixture)
{
    private const int OrderCount = 57;
    private const string NewYork = "America/New_York";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // Few distinct sort values, so that pages break inside runs of equal keys.
        var orders = Enumerable.Range(1, OrderCount).Select(i => Order(i,
            processedAt: new DateTimeOffset(2025, 3, 1 + i % 5, 12, 0, 0, TimeSpan.Zero),
            updatedAt: Epoch.AddMinutes(i % 3),
            currentTotal: 10m * (i % 4),
            customerId: i % 2 == 0 ? i % 7 : 4242,
            financialStatus: i % 3 == 0 ? "REFUNDED" : "PAID",
            lineItems: [LineItem(i * 10), LineItem(i * 10 + 1)])).ToArray();
        await Modules.IngestAsync(Tenant, tx => Modules.Get<IOrderIngest>().UpsertAsync(tx, orders, NewYork));
        var customers = Enumerable.Range(1, 23).Select(i => Customer(i, amountSpent: i % 4, name: $"Name {i % 3}")).ToArray();
        await Modules.IngestAsync(Tenant, tx => Modules.Get<ICustomerIngest>().UpsertAsync(tx, customers));
        await Modules.IngestAsync(Guid.NewGuid(), tx => Modules.Get<IOrderIngest>().UpsertAsync(tx, [Order(1), Order(1000)], NewYork));
    }

    private async Task<List<Order>> WalkOrdersAsync(OrderQuery query, bool reverse, int pageSize = 10)
    {
        var seen = new List<Order>();
        string? after = null;
        while (true)
        {
            var page = await AsTenantAsync<OrderListing, Connection<Order>>(l => l.ListAsync(query, new PageRequest(pageSize, after, reverse)));
            seen.AddRange(page.Edges.Select(e => e.Node));
            if (!page.HasNextPage)
            {
                return seen;
            }

            after = page.Edges[^1].Cursor;
        }
    }

    // Sorts are named, as test cases must be public and the sort enums are the module's own.
    [Theory]
    [InlineData(nameof(OrderSort.ProcessedAt), false)]
    [InlineData(nameof(OrderSort.ProcessedAt), true)]
    [InlineData(nameof(OrderSort.UpdatedAt), false)]
    [InlineData(nameof(OrderSort.CreatedAt), true)]
    [InlineData(nameof(OrderSort.TotalPrice), false)]
    [InlineData(nameof(OrderSort.TotalPrice), true)]
    public async Task Walking_the_orders_page_by_page_visits_every_order_once_in_order(string sortName, bool reverse)
    {
        var sort = Enum.Parse<OrderSort>(sortName);
        var walked = await WalkOrdersAsync(new OrderQuery(Sort: sort), reverse);

        Assert.Equal(Enumerable.Range(1, OrderCount).Select(i => (long)i), walked.Select(o => o.ShopifyId).Order());
        Func<Order, object> key = sort switch
        {
            OrderSort.UpdatedAt => o => o.UpdatedAt,
            OrderSort.CreatedAt => o => o.CreatedAt,
            OrderSort.TotalPrice => o => o.CurrentTotalPrice,
            _ => o => o.ProcessedAt,
        };
        var expected = reverse
            ? walked.OrderByDescending(key).ThenByDescending(o => o.ShopifyId)
            : walked.OrderBy(key).ThenBy(o => o.ShopifyId);
        Assert.Equal(expected.Select(o => o.ShopifyId), walked.Select(o => o.ShopifyId));
    }

    [Fact]
    public async Task A_page_reports_the_total_count_of_matches_and_whether_more_follow()
    {
        var page = await AsTenantAsync<OrderListing, Connection<Order>>(l => l.ListAsync(new OrderQuery(), new PageRequest(First: 50)));

        Assert.Equal(50, page.Edges.Count);
        Assert.True(page.HasNextPage);
        Assert.Equal(OrderCount, page.TotalCount);

        var last = await AsTenantAsync<OrderListing, Connection<Order>>(l => l.ListAsync(new OrderQuery(), new PageRequest(First: 50, After: page.Edges[^1].Cursor)));
        Assert.Equal(7, last.Edges.Count);
        Assert.False(last.HasNextPage);
    }

    [Fact]
    public async Task Orders_filter_by_financial_status_search_and_processing_days_in_the_shop_timezone()
    {
        var refunded = await WalkOrdersAsync(new OrderQuery(FinancialStatus: "REFUNDED"), reverse: false);
        Assert.Equal(OrderCount / 3, refunded.Count);
        Assert.All(refunded, o => Assert.Equal("REFUNDED", o.DisplayFinancialStatus));

        var searched = await WalkOrdersAsync(new OrderQuery(Search: "#1012"), reverse: false);
        Assert.Equal([12L], searched.Select(o => o.ShopifyId));

        // Noon UTC is 07:00 in New York (EST in early March): March 2 and 3 are days 1 and 2 of i % 5.
        var days = await WalkOrdersAsync(new OrderQuery(From: new DateOnly(2025, 3, 2), To: new DateOnly(2025, 3, 3)), reverse: true);
        Assert.Equal(
            Enumerable.Range(1, OrderCount).Where(i => i % 5 is 1 or 2).Select(i => (long)i),
            days.Select(o => o.ShopifyId).Order());
    }

    [Fact]
    public async Task A_search_takes_wildcards_literally()
    {
        var page = await AsTenantAsync<OrderListing, Connection<Order>>(l => l.ListAsync(new OrderQuery(Search: "%"), new PageRequest()));

        Assert.Empty(page.Edges);
        Assert.Equal(0, page.TotalCount);
    }

    [Fact]
    public async Task The_line_items_of_a_page_of_orders_load_together()
    {
        var items = await AsTenantAsync<OrderListing, ILookup<long, OrderLineItem>>(l => l.LineItemsAsync([3, 4, 4, 999]));

        Assert.Equal([30L, 31L], items[3].Select(l => l.ShopifyId));
        Assert.Equal([40L, 41L], items[4].Select(l => l.ShopifyId));
        Assert.Empty(items[999]);
    }

    [Fact]
    public async Task The_customers_of_a_page_of_orders_load_together_and_missing_ones_are_absent()
    {
        var customers = await AsTenantAsync<CustomerListing, IReadOnlyDictionary<long, Customer>>(l => l.ByIdsAsync([2, 4, 4242]));

        Assert.Equal([2L, 4L], customers.Keys.Order());
    }

    [Theory]
    [InlineData(nameof(CustomerSort.Name), false)]
    [InlineData(nameof(CustomerSort.Name), true)]
    [InlineData(nameof(CustomerSort.AmountSpent), true)]
    [InlineData(nameof(CustomerSort.CreatedAt), false)]
    [InlineData(nameof(CustomerSort.UpdatedAt), true)]
    public async Task Walking_the_customers_page_by_page_visits_every_customer_once(string sortName, bool reverse)
    {
        var sort = Enum.Parse<CustomerSort>(sortName);
        var seen = new List<long>();
        string? after = null;
        do
        {
            var page = await AsTenantAsync<CustomerListing, Connection<Customer>>(l => l.ListAsync(new CustomerQuery(Sort: sort), new PageRequest(4, after, reverse)));
            seen.AddRange(page.Edges.Select(e => e.Node.ShopifyId));
            after = page.HasNextPage ? page.Edges[^1].Cursor : null;
        }
        while (after is not null);

        Assert.Equal(Enumerable.Range(1, 23).Select(i => (long)i), seen.Order());
    }

    [Fact]
    public async Task Customers_can_be_searched_by_name_or_email()
    {
        var page = await AsTenantAsync<CustomerListing, Connection<Customer>>(l => l.ListAsync(new CustomerQuery(Search: "CUSTOMER17@"), new PageRequest()));

        Assert.Equal([17L], page.Edges.Select(e => e.Node.ShopifyId));
    }

    [Fact]
    public async Task A_cursor_of_another_sort_or_no_cursor_at_all_is_refused()
    {
        var byName = await AsTenantAsync<CustomerListing, Connection<Customer>>(l => l.ListAsync(new CustomerQuery(), new PageRequest(2)));

        await Assert.ThrowsAsync<InvalidCursorException>(() => AsTenantAsync<CustomerListing, Connection<Customer>>(l =>
            l.ListAsync(new CustomerQuery(Sort: CustomerSort.AmountSpent), new PageRequest(2, byName.Edges[^1].Cursor))));
        await Assert.ThrowsAsync<InvalidCursorException>(() => AsTenantAsync<CustomerListing, Connection<Customer>>(l =>
            l.ListAsync(new CustomerQuery(), new PageRequest(2, "not a cursor"))));
    }

    [Fact]
    public async Task More_than_250_rows_per_page_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => AsTenantAsync<OrderListing, Connection<Order>>(l =>
            l.ListAsync(new OrderQuery(), new PageRequest(251))));
    }
}

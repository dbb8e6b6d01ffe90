using ShopIngest.IntegrationTests.Infrastructure;
using ShopIngest.Modules.Catalog.Contracts;
using ShopIngest.Modules.Sales.Contracts;
using ShopIngest.Modules.Shared.Ingest;
using static ShopIngest.IntegrationTests.Ingest.SampleRecords;

namespace ShopIngest.IntegrationTests.Ingest;

/// <summary>
/// Records Shopify deleted leave the store and the analytics in the same transaction, and stay deleted whatever
/// arrives after: a late webhook, a page fetched before the delete, or the same delete again.
/// </summary>
[Collection(AppHostTests.Name)]
public sealed class DeletionTests(AppHostFixture fixture) : TenantDataTest(fixture)
{
    private static DeletedRecord Deleted(long id) => new(id, Epoch.AddDays(1));

    private Task<IngestResult> UpsertOrdersAsync(params OrderRecord[] page) =>
        Modules.IngestAsync(Tenant, tx => Modules.Get<IOrderIngest>().UpsertAsync(tx, page, "UTC"));

    private Task<IngestResult> DeleteOrdersAsync(params long[] ids) =>
        Modules.IngestAsync(Tenant, tx => Modules.Get<IOrderIngest>().DeleteAsync(tx, [.. ids.Select(Deleted)], "UTC"));

    private Task<IngestResult> UpsertCustomersAsync(params CustomerRecord[] page) =>
        Modules.IngestAsync(Tenant, tx => Modules.Get<ICustomerIngest>().UpsertAsync(tx, page));

    private Task<IngestResult> DeleteCustomersAsync(params long[] ids) =>
        Modules.IngestAsync(Tenant, tx => Modules.Get<ICustomerIngest>().DeleteAsync(tx, [.. ids.Select(Deleted)]));

    private Task<IngestResult> UpsertProductsAsync(params ProductRecord[] page) =>
        Modules.IngestAsync(Tenant, tx => Modules.Get<IProductIngest>().UpsertAsync(tx, page));

    private Task<IngestResult> DeleteProductsAsync(params long[] ids) =>
        Modules.IngestAsync(Tenant, tx => Modules.Get<IProductIngest>().DeleteAsync(tx, [.. ids.Select(Deleted)]));

    private async Task<object> ScalarAsync(string sql) => Assert.Single(Assert.Single(await QueryAsync(sql)));

    [Fact]
    public async Task A_deleted_order_leaves_the_orders_its_line_items_and_the_daily_rollup()
    {
        await UpsertOrdersAsync(
            Order(1, currentTotal: 30m, lineItems: [LineItem(11), LineItem(12)]),
            Order(2, currentTotal: 70m, lineItems: [LineItem(21)]),
            Order(3, currentTotal: 5m, test: true));

        var result = await DeleteOrdersAsync(1, 3);

        Assert.Equal(new(2, 2), result);
        Assert.Equal([[2L]], await QueryAsync("SELECT shopify_id FROM sales.orders"));
        Assert.Equal([[21L]], await QueryAsync("SELECT shopify_id FROM sales.order_line_items"));
        // Only order 2 still counts: the test order never did, and order 1 left its day.
        Assert.Equal([[1L, 70m, 70m]], await QueryAsync("SELECT orders, revenue, gross_revenue FROM sales.daily_sales"));
    }

    [Fact]
    public async Task A_deleted_order_is_not_brought_back_by_a_later_or_older_update()
    {
        await UpsertOrdersAsync(Order(1, updatedAt: Epoch));
        await DeleteOrdersAsync(1);

        var older = await UpsertOrdersAsync(Order(1, updatedAt: Epoch));
        var newer = await UpsertOrdersAsync(Order(1, updatedAt: Epoch.AddDays(2), lineItems: [LineItem(11)]));

        Assert.Equal(new(1, 0), older);
        Assert.Equal(new(1, 0), newer);
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM sales.orders"));
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM sales.order_line_items"));
        Assert.Equal(0m, await ScalarAsync("SELECT coalesce(sum(orders), 0) FROM sales.daily_sales"));
    }

    [Fact]
    public async Task A_delete_that_arrives_before_the_order_keeps_the_order_out()
    {
        Assert.Equal(new(1, 0), await DeleteOrdersAsync(9));

        Assert.Equal(new(1, 0), await UpsertOrdersAsync(Order(9)));
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM sales.orders"));
    }

    [Fact]
    public async Task Deleting_twice_counts_the_order_out_once()
    {
        await UpsertOrdersAsync(Order(1, currentTotal: 10m), Order(2, currentTotal: 20m));

        await DeleteOrdersAsync(1, 1);
        var again = await DeleteOrdersAsync(1);

        Assert.Equal(new(1, 0), again);
        Assert.Equal([[1L, 20m]], await QueryAsync("SELECT orders, revenue FROM sales.daily_sales"));
    }

    [Fact]
    public async Task A_deleted_customer_leaves_the_customer_count_and_the_top_customers_and_stays_deleted()
    {
        await UpsertCustomersAsync(Customer(1, amountSpent: 500m), Customer(2, amountSpent: 50m), Customer(3));

        Assert.Equal(new(2, 2), await DeleteCustomersAsync(1, 3));
        Assert.Equal(new(1, 0), await UpsertCustomersAsync(Customer(1, amountSpent: 900m, updatedAt: Epoch.AddDays(3))));

        Assert.Equal([[2L]], await QueryAsync("SELECT shopify_id FROM sales.customers"));
        Assert.Equal(1L, await ScalarAsync("SELECT customers FROM sales.tenant_totals"));
    }

    [Fact]
    public async Task A_deleted_product_leaves_with_its_variants_and_stays_deleted()
    {
        await UpsertProductsAsync(Product(1, variants: [Variant(11), Variant(12)]), Product(2, variants: [Variant(21)]));

        Assert.Equal(new(1, 1), await DeleteProductsAsync(1));
        Assert.Equal(new(1, 0), await UpsertProductsAsync(Product(1, updatedAt: Epoch.AddDays(3), variants: [Variant(11)])));

        Assert.Equal([[2L]], await QueryAsync("SELECT shopify_id FROM catalog.products"));
        Assert.Equal([[21L]], await QueryAsync("SELECT shopify_id FROM catalog.product_variants"));
    }

    [Fact]
    public async Task Another_tenants_delete_of_the_same_id_leaves_this_tenants_order_alone()
    {
        await UpsertOrdersAsync(Order(1));
        var other = Guid.NewGuid();

        await Modules.IngestAsync(other, tx => Modules.Get<IOrderIngest>().DeleteAsync(tx, [Deleted(1)], "UTC"));

        Assert.Equal([[1L]], await QueryAsync("SELECT shopify_id FROM sales.orders"));
        Assert.Equal(new(1, 1), await UpsertOrdersAsync(Order(1, updatedAt: Epoch.AddHours(1))));
    }
}

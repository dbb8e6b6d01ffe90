using ShopIngest.IntegrationTests.Infrastructure;
using ShopIngest.Modules.Sales.Contracts;
using ShopIngest.Modules.Shared.Ingest;
using static ShopIngest.IntegrationTests.Ingest.SampleRecords;

namespace ShopIngest.IntegrationTests.Ingest;

[Collection(AppHostTests.Name)]
public sealed class CustomerIngestTests(AppHostFixture fixture) : TenantDataTest(fixture)
{
    private static readonly string[] SampleTags = ["vip", "newsletter"];


    private Task<IngestResult> UpsertAsync(params CustomerRecord[] page) =>
        Modules.IngestAsync(Tenant, tx => Modules.Get<ICustomerIngest>().UpsertAsync(tx, page));

    private Task<List<object[]>> CustomersAsync() => QueryAsync(
        "SELECT shopify_id, display_name, amount_spent, number_of_orders FROM sales.customers ORDER BY 1");

    private async Task<long> CountedCustomersAsync() =>
        (long)Assert.Single(await QueryAsync("SELECT customers FROM sales.tenant_totals"))[0];

    [Fact]
    public async Task A_page_of_new_customers_is_inserted_with_every_field()
    {
        var customer = Customer(1, amountSpent: 1234.567m, numberOfOrders: 12) with { Phone = "+351 912 345 678", Province = "Lisboa" };

        Assert.Equal(new(1, 1), await UpsertAsync(customer));

        var row = Assert.Single(await QueryAsync("""
            SELECT first_name, last_name, display_name, email, phone, city, province, country, country_code, amount_spent,
                   amount_spent_currency, number_of_orders, tags, created_at, updated_at
            FROM sales.customers
            """));
        Assert.Equal(
            ["Ada", "Customer 1", "Ada Customer 1", "customer1@example.com", "+351 912 345 678", "Lisbon", "Lisboa", "Portugal", "PT",
             1234.567m, "USD", 12L, SampleTags, Epoch.UtcDateTime, Epoch.UtcDateTime],
            row);
    }

    [Fact]
    public async Task Only_records_not_older_than_the_stored_ones_are_applied()
    {
        await UpsertAsync(Customer(1, amountSpent: 10m, updatedAt: Epoch), Customer(2, amountSpent: 20m, updatedAt: Epoch));

        var result = await UpsertAsync(
            Customer(1, amountSpent: 11m, updatedAt: Epoch.AddSeconds(-1)),
            Customer(2, amountSpent: 22m, updatedAt: Epoch.AddSeconds(1), name: "Renamed"));

        Assert.Equal(new(2, 1), result);
        Assert.Equal([[1L, "Ada Customer 1", 10m, 0L], [2L, "Renamed", 22m, 0L]], await CustomersAsync());
    }

    [Fact]
    public async Task An_id_twice_in_one_page_keeps_the_newest_record()
    {
        var result = await UpsertAsync(Customer(1, amountSpent: 5m, updatedAt: Epoch.AddHours(1)), Customer(1, amountSpent: 3m));

        Assert.Equal(new(2, 1), result);
        Assert.Equal([[1L, "Ada Customer 1", 5m, 0L]], await CustomersAsync());
    }

    [Fact]
    public async Task The_customer_count_counts_each_customer_once_however_often_it_is_written()
    {
        await UpsertAsync(Customer(1), Customer(2), Customer(2, updatedAt: Epoch.AddSeconds(1)));
        await UpsertAsync(Customer(2, updatedAt: Epoch.AddSeconds(2)), Customer(3), Customer(1, updatedAt: Epoch.AddSeconds(-5)));
        await UpsertAsync(Customer(3));

        Assert.Equal(3L, await CountedCustomersAsync());
        Assert.Equal(3, (await CustomersAsync()).Count);
    }
}

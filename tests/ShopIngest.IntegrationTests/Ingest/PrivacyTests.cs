using Microsoft.Extensions.DependencyInjection;
using ShopIngest.IntegrationTests.Infrastructure;
using ShopIngest.Modules.Catalog.Contracts;
using ShopIngest.Modules.Sales.Contracts;
using ShopIngest.Modules.Sales.Privacy;
using ShopIngest.Modules.Shared.Ingest;
using static ShopIngest.IntegrationTests.Ingest.SampleRecords;

namespace ShopIngest.IntegrationTests.Ingest;

/// <summary>
/// A redacted customer's personal data is erased wherever it is stored and stays erased when Shopify sends it again,
/// while the amounts analytics count stay; a data request yields the customer's stored data; a shop's redaction
/// leaves none of its rows.
/// </summary>
[Collection(AppHostTests.Name)]
public sealed class PrivacyTests(AppHostFixture fixture) : TenantDataTest(fixture)
{
    private readonly AppHostFixture _fixture = fixture;

    // Unique to this test run, so the search across the whole database finds only this test's rows.
    private readonly string _marker = Guid.NewGuid().ToString("N")[..12];
    private readonly string _phone = $"+3519{Random.Shared.NextInt64(10_000_000, 99_999_999)}";

    private CustomerRecord Person(long id, DateTimeOffset? updatedAt = null) => Customer(id, amountSpent: 120m, numberOfOrders: 2, updatedAt: updatedAt) with
    {
        FirstName = $"Grace{_marker}",
        LastName = $"Hopper{_marker}",
        DisplayName = $"Grace{_marker} Hopper{_marker}",
        Email = $"grace.{_marker}@example.com",
        Phone = _phone,
        City = $"Arlington{_marker}",
        Tags = [$"tag{_marker}"],
    };

    private OrderRecord PersonsOrder(long id, long? customerId, DateTimeOffset? updatedAt = null) =>
        Order(id, currentTotal: 60m, customerId: customerId, updatedAt: updatedAt) with { Email = $"grace.{_marker}@example.com" };

    private string[] PersonalData(CustomerRecord person) => [person.FirstName!, person.LastName!, person.Email!, person.Phone!, person.City!, _marker];

    private async Task IngestAsync(Func<IngestTransaction, Task> write) =>
        await Modules.IngestAsync(Tenant, async tx => { await write(tx); return 0; });

    [Fact]
    public async Task A_redacted_customers_personal_data_is_nowhere_in_the_database_and_the_amounts_stay()
    {
        var person = Person(1);
        await IngestAsync(tx => Modules.Get<ICustomerIngest>().UpsertAsync(tx, [person, Customer(2)]));
        // Order 11 is the customer's; order 12 a guest checkout with the same email; order 13 someone else's.
        await IngestAsync(tx => Modules.Get<IOrderIngest>().UpsertAsync(tx, [PersonsOrder(11, 1), PersonsOrder(12, null), Order(13, currentTotal: 40m)], "UTC"));
        Assert.NotEmpty(await PersonalDataSearch.FindAsync(_fixture, PersonalData(person)));

        await IngestAsync(tx => Modules.Get<ICustomerPrivacy>().RedactAsync(tx, new CustomerRedaction(1, [11], Epoch.AddDays(30), person.Email, person.Phone)));

        var found = await PersonalDataSearch.FindAsync(_fixture, PersonalData(person));
        Assert.True(found.Count == 0, $"The redacted customer's personal data is still in {string.Join(", ", found)}.");
        Assert.Equal([[1L, "Redacted customer", 120m, 2L], [2L, "Ada Customer 2", 0m, 0L]],
            await QueryAsync("SELECT shopify_id, display_name, amount_spent, number_of_orders FROM sales.customers ORDER BY 1"));
        Assert.Equal([[3L, 160m]], await QueryAsync("SELECT orders, revenue FROM sales.daily_sales"));
        Assert.Equal([[13L, "buyer13@example.com"]], await QueryAsync("SELECT shopify_id, email FROM sales.orders WHERE email IS NOT NULL"));
    }

    [Fact]
    public async Task Personal_data_that_arrives_again_after_a_redaction_is_stored_erased()
    {
        var person = Person(1);
        await IngestAsync(tx => Modules.Get<ICustomerIngest>().UpsertAsync(tx, [person]));
        await IngestAsync(tx => Modules.Get<ICustomerPrivacy>().RedactAsync(tx, new CustomerRedaction(1, [21], Epoch.AddDays(30))));

        // Shopify may still hold the data: a later sync or webhook carries it again.
        await IngestAsync(tx => Modules.Get<ICustomerIngest>().UpsertAsync(tx, [Person(1, Epoch.AddDays(31))]));
        await IngestAsync(tx => Modules.Get<IOrderIngest>().UpsertAsync(tx, [PersonsOrder(21, null), PersonsOrder(22, 1)], "UTC"));

        var found = await PersonalDataSearch.FindAsync(_fixture, PersonalData(person));
        Assert.True(found.Count == 0, $"Personal data came back after the redaction, in {string.Join(", ", found)}.");
        Assert.Equal(2L, Assert.Single(Assert.Single(await QueryAsync("SELECT count(*) FROM sales.orders"))));
    }

    [Fact]
    public async Task A_data_request_is_recorded_once_and_exports_the_customers_stored_data()
    {
        var person = Person(1);
        await IngestAsync(tx => Modules.Get<ICustomerIngest>().UpsertAsync(tx, [person]));
        await IngestAsync(tx => Modules.Get<IOrderIngest>().UpsertAsync(
            tx, [PersonsOrder(31, 1) with { LineItems = [LineItem(311)] }, PersonsOrder(32, null), Order(33)], "UTC"));
        var request = new CustomerDataRequest(1, [32], Epoch.AddDays(5), ShopifyRequestId: 9999, Email: person.Email);

        await IngestAsync(tx => Modules.Get<ICustomerPrivacy>().RecordDataRequestAsync(tx, request));
        await IngestAsync(tx => Modules.Get<ICustomerPrivacy>().RecordDataRequestAsync(tx, request));

        var recorded = await AsTenantAsync<CustomerDataExport, IReadOnlyList<DataRequest>>(export => export.ListAsync(10, CancellationToken.None));
        var stored = Assert.Single(recorded);
        Assert.Equal((1L, "32", 9999L), (stored.CustomerShopifyId, string.Join(",", stored.OrderShopifyIds), stored.ShopifyRequestId!.Value));
        var json = await AsTenantAsync<CustomerDataExport, string>(export => export.ExportAsync(stored, CancellationToken.None));
        using var document = System.Text.Json.JsonDocument.Parse(json);
        Assert.Equal(person.Email, document.RootElement.GetProperty("customer").GetProperty("email").GetString());
        Assert.Equal([31L, 32L], document.RootElement.GetProperty("orders").EnumerateArray().Select(o => o.GetProperty("shopifyId").GetInt64()));
        Assert.Equal(311L, document.RootElement.GetProperty("orders")[0].GetProperty("lineItems")[0].GetProperty("shopifyId").GetInt64());
    }

    [Fact]
    public async Task A_shops_redaction_erases_every_row_of_the_shop_and_no_other_shops()
    {
        await IngestAsync(tx => Modules.Get<ICustomerIngest>().UpsertAsync(tx, [Person(1)]));
        await IngestAsync(tx => Modules.Get<IOrderIngest>().UpsertAsync(tx, [PersonsOrder(41, 1) with { LineItems = [LineItem(411)] }], "UTC"));
        await IngestAsync(tx => Modules.Get<IProductIngest>().UpsertAsync(tx, [Product(5, variants: [Variant(51)])]));
        await IngestAsync(tx => Modules.Get<IOrderIngest>().DeleteAsync(tx, [new DeletedRecord(42, Epoch)], "UTC"));
        var neighbour = Guid.NewGuid();
        await Modules.IngestAsync(neighbour, tx => Modules.Get<IOrderIngest>().UpsertAsync(tx, [Order(41)], "UTC"));

        var erased = await Modules.IngestAsync(Tenant, async tx =>
        {
            long rows = 0;
            foreach (var eraser in Modules.Services.GetServices<IShopDataEraser>())
            {
                rows += await eraser.EraseAsync(tx);
            }

            return rows;
        });

        Assert.True(erased >= 8, $"Only {erased} rows were erased.");
        foreach (var table in new[] { "sales.customers", "sales.orders", "sales.order_line_items", "sales.daily_sales", "sales.tenant_totals",
                     "sales.tombstones", "catalog.products", "catalog.product_variants" })
        {
            Assert.True(Assert.Single(Assert.Single(await QueryAsync($"SELECT count(*) FROM {table}"))) is 0L, $"{table} still has rows of the shop.");
        }

        Assert.Equal([[41L]], await Modules.QueryAsTenantAsync(neighbour, "SELECT shopify_id FROM sales.orders"));
    }
}

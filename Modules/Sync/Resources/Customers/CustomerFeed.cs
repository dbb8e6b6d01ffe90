using Microsoft.Extensions.Logging;
using ShopIngest.Modules.Sales.Contracts;
using ShopIngest.Modules.Shared.Ingest;
using ShopIngest.Modules.Sync.Shopify;

namespace ShopIngest.Modules.Sync.Resources.Customers;

/// <summary>
/// Customers, read through the 2025-10 fields (defaultEmailAddress and defaultPhoneNumber, not the deprecated email and
/// phone). A customer without an email, phone or address is stored without them; one that lacks what a record needs is
/// skipped, logged and counted.
/// </summary>
internal sealed class CustomerFeed(ShopifyAdminClient client, ICustomerIngest ingest, ILogger<CustomerFeed> logger) : IResourceFeed<CustomerRecord>
{
    private const string CustomerFields = """
        id firstName lastName displayName
        defaultEmailAddress { emailAddress }
        defaultPhoneNumber { phoneNumber }
        defaultAddress { city province country countryCodeV2 }
        amountSpent { amount currencyCode }
        numberOfOrders tags createdAt updatedAt
        """;

    private const string PageQuery = $$"""
        query Customers($first: Int!, $after: String, $query: String, $withShop: Boolean!) {
          shop @include(if: $withShop) { currencyCode ianaTimezone }
          customers(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
            pageInfo { hasNextPage endCursor }
            nodes { {{CustomerFields}} }
          }
        }
        """;

    private const string ExportQuery = $$"""
        {
          customers { edges { node { {{CustomerFields}} } } }
        }
        """;

    /// <summary>The customer, its email, phone, address and amountSpent objects.</summary>
    private const int CustomerCost = 5 * QueryCosts.Object;

    public SyncResource Resource => SyncResource.Customers;

    public int PageSize(int wanted) => QueryCosts.PageSize(wanted, CustomerCost, otherCost: QueryCosts.Object);

    public async Task<FetchedPage<CustomerRecord>> FetchAsync(ShopAccess shop, PageRequest request, CancellationToken cancellationToken)
    {
        var result = await client.QueryAsync(shop, new ShopifyRequest(PageQuery, PageVariables.Of(request),
                QueryCosts.Object + QueryCosts.ConnectionCost(request.First, CustomerCost)),
            ShopifyJsonContext.Default.GraphQLResponseCustomersData, cancellationToken);
        var customers = FetchedPages.Required(result.Data.Customers, "customers", result.Usage);
        var tally = new PageTally(logger, "Customer");
        return FetchedPages.Of(Records(customers.Nodes, tally), tally, customers.PageInfo, result.Data.Shop, result.Usage);
    }

    public string BulkQuery => ExportQuery;

    public FetchedPage<CustomerRecord> FromExport(IReadOnlyList<ExportedObject> objects)
    {
        var tally = new PageTally(logger, "Customer");
        return FetchedPages.Exported(Records(ExportedObjects.Nodes(objects, ShopifyJsonContext.Default.CustomerNode), tally), tally);
    }

    public Task<IngestResult> IngestAsync(IngestTransaction transaction, IReadOnlyList<CustomerRecord> records, string shopTimeZone, CancellationToken cancellationToken) =>
        ingest.UpsertAsync(transaction, records, cancellationToken);

    public Task<IngestResult> DeleteAsync(IngestTransaction transaction, IReadOnlyList<DeletedRecord> deletes, string shopTimeZone, CancellationToken cancellationToken) =>
        ingest.DeleteAsync(transaction, deletes, cancellationToken);

    public Task<IngestResult> DeleteAbsentAsync(IngestTransaction transaction, PresentRecords present, string shopTimeZone, CancellationToken cancellationToken) =>
        ingest.DeleteAbsentAsync(transaction, present, cancellationToken);

    private static List<CustomerRecord> Records(IReadOnlyList<CustomerNode?> nodes, PageTally tally)
    {
        var records = new List<CustomerRecord>(nodes.Count);
        foreach (var customer in tally.Present(nodes))
        {
            if (tally.TryAccept(customer.Id, customer.UpdatedAt, out var id,
                    (customer.CreatedAt == default, "createdAt"),
                    (customer.DisplayName is null, "displayName"),
                    (customer.AmountSpent is null, "amountSpent")))
            {
                records.Add(ToRecord(customer, id));
            }
        }

        return records;
    }

    private static CustomerRecord ToRecord(CustomerNode customer, long id) => new()
    {
        ShopifyId = id,
        FirstName = customer.FirstName,
        LastName = customer.LastName,
        DisplayName = customer.DisplayName,
        Email = customer.DefaultEmailAddress?.Value,
        Phone = customer.DefaultPhoneNumber?.Value,
        City = customer.DefaultAddress?.City,
        Province = customer.DefaultAddress?.Province,
        Country = customer.DefaultAddress?.Country,
        CountryCode = customer.DefaultAddress?.CountryCodeV2,
        AmountSpent = customer.AmountSpent.Amount,
        AmountSpentCurrency = customer.AmountSpent.CurrencyCode,
        NumberOfOrders = customer.NumberOfOrders,
        Tags = customer.Tags ?? [],
        CreatedAt = customer.CreatedAt,
        UpdatedAt = customer.UpdatedAt,
    };
}

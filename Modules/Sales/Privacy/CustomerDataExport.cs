using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ShopIngest.Modules.Sales.Data;
using ShopIngest.Modules.Shared.Tenancy;

namespace ShopIngest.Modules.Sales.Privacy;

/// <summary>
/// The caller's shop's customer data requests, and for each the data the shop stores about that customer, built
/// when the merchant asks: the customer and their orders (the customer's and those Shopify listed), with line items.
/// </summary>
internal sealed class CustomerDataExport(SalesDbContext db, ITenantContext tenant)
{
    public const int MaxRequests = 100;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public async Task<IReadOnlyList<DataRequest>> ListAsync(int first, CancellationToken cancellationToken)
    {
        var tenantId = tenant.RequiredTenantId;
        return await db.DataRequests.AsNoTracking()
            .Where(r => r.TenantId == tenantId)
            .OrderByDescending(r => r.RequestedAt).ThenBy(r => r.Id)
            .Take(first)
            .ToListAsync(cancellationToken);
    }

    public async Task<string> ExportAsync(DataRequest request, CancellationToken cancellationToken)
    {
        var tenantId = tenant.RequiredTenantId;
        var customer = await db.Customers.AsNoTracking()
            .Where(c => c.TenantId == tenantId && c.ShopifyId == request.CustomerShopifyId)
            .Select(c => new
            {
                c.ShopifyId, c.FirstName, c.LastName, c.DisplayName, c.Email, c.Phone, c.City, c.Province, c.Country,
                c.CountryCode, c.AmountSpent, c.AmountSpentCurrency, c.NumberOfOrders, c.Tags, c.CreatedAt, c.UpdatedAt,
            })
            .SingleOrDefaultAsync(cancellationToken);
        var listed = request.OrderShopifyIds;
        var orders = await db.Orders.AsNoTracking()
            .Where(o => o.TenantId == tenantId && (o.CustomerShopifyId == request.CustomerShopifyId || listed.Contains(o.ShopifyId)))
            .OrderBy(o => o.ProcessedAt).ThenBy(o => o.ShopifyId)
            .ToListAsync(cancellationToken);
        var orderIds = orders.Select(o => o.ShopifyId).ToArray();
        var items = (await db.OrderLineItems.AsNoTracking()
                .Where(l => l.TenantId == tenantId && orderIds.Contains(l.OrderShopifyId))
                .ToListAsync(cancellationToken))
            .ToLookup(l => l.OrderShopifyId);

        var document = new
        {
            Request = new { request.Id, request.CustomerShopifyId, request.OrderShopifyIds, request.ShopifyRequestId, request.RequestedAt },
            Customer = customer,
            Orders = orders.Select(o => new
            {
                o.ShopifyId, o.Name, o.Email, o.CreatedAt, o.ProcessedAt, o.UpdatedAt, o.CancelledAt, o.CancelReason,
                o.DisplayFinancialStatus, o.DisplayFulfillmentStatus, o.CurrencyCode, o.TotalPrice, o.SubtotalPrice,
                o.CurrentTotalPrice, o.TotalRefunded,
                LineItems = items[o.ShopifyId].OrderBy(l => l.ShopifyId)
                    .Select(l => new { l.ShopifyId, l.Title, l.Quantity, l.Sku, l.OriginalUnitPrice }),
            }),
        };
        return JsonSerializer.Serialize(document, Json);
    }
}

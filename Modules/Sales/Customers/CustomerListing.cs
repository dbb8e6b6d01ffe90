using Microsoft.EntityFrameworkCore;
using ShopIngest.Modules.Sales.Data;
using ShopIngest.Modules.Shared.Listing;
using ShopIngest.Modules.Shared.Tenancy;

namespace ShopIngest.Modules.Sales.Customers;

internal enum CustomerSort
{
    Name,
    AmountSpent,
    CreatedAt,
    UpdatedAt,
}

/// <param name="Search">Matches name, email or phone, case-insensitively.</param>
/// <param name="Sort">The sort key; shopify_id breaks ties.</param>
internal sealed record CustomerQuery(string? Search = null, CustomerSort Sort = CustomerSort.Name);

/// <summary>The tenant's customers, a page at a time, and the customers of a page of orders in one query.</summary>
internal sealed class CustomerListing(SalesDbContext db, ITenantContext tenant)
{
    public Task<Connection<Customer>> ListAsync(CustomerQuery query, PageRequest page, CancellationToken cancellationToken = default)
    {
        var tenantId = tenant.RequiredTenantId;
        var customers = db.Customers.AsNoTracking().Where(c => c.TenantId == tenantId);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = Keyset.ContainsPattern(query.Search);
            customers = customers.Where(c => EF.Functions.ILike(c.DisplayName, pattern)
                || (c.Email != null && EF.Functions.ILike(c.Email, pattern))
                || (c.Phone != null && EF.Functions.ILike(c.Phone, pattern)));
        }

        var sort = query.Sort.ToString();
        return query.Sort switch
        {
            CustomerSort.AmountSpent => Keyset.PageAsync(customers, sort, c => c.AmountSpent, c => c.ShopifyId, page, cancellationToken),
            CustomerSort.CreatedAt => Keyset.PageAsync(customers, sort, c => c.CreatedAt, c => c.ShopifyId, page, cancellationToken),
            CustomerSort.UpdatedAt => Keyset.PageAsync(customers, sort, c => c.UpdatedAt, c => c.ShopifyId, page, cancellationToken),
            _ => Keyset.PageAsync(customers, sort, c => c.DisplayName, c => c.ShopifyId, page, cancellationToken),
        };
    }

    /// <summary>
    /// The customers with these ids that have arrived (an order's customer may not have yet), in one query.
    /// </summary>
    public async Task<IReadOnlyDictionary<long, Customer>> ByIdsAsync(IReadOnlyCollection<long> shopifyIds, CancellationToken cancellationToken = default)
    {
        var tenantId = tenant.RequiredTenantId;
        var ids = shopifyIds.Distinct().ToArray();
        return await db.Customers.AsNoTracking()
            .Where(c => c.TenantId == tenantId && ids.Contains(c.ShopifyId))
            .ToDictionaryAsync(c => c.ShopifyId, cancellationToken);
    }
}

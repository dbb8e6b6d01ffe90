using Microsoft.EntityFrameworkCore;
using ShopIngest.Modules.Catalog.Data;
using ShopIngest.Modules.Shared.Listing;
using ShopIngest.Modules.Shared.Tenancy;

namespace ShopIngest.Modules.Catalog.Products;

internal enum ProductSort
{
    Title,
    UpdatedAt,
    CreatedAt,
}

/// <param name="Search">Matches title, vendor or product type, case-insensitively.</param>
/// <param name="Status">ACTIVE, ARCHIVED, DRAFT or UNLISTED.</param>
/// <param name="Sort">The sort key; shopify_id breaks ties.</param>
internal sealed record ProductQuery(string? Search = null, string? Status = null, ProductSort Sort = ProductSort.Title);

/// <summary>The tenant's products, a page at a time, and the variants of a page of products in one query.</summary>
internal sealed class ProductListing(CatalogDbContext db, ITenantContext tenant)
{
    public Task<Connection<Product>> ListAsync(ProductQuery query, PageRequest page, CancellationToken cancellationToken = default)
    {
        var tenantId = tenant.RequiredTenantId;
        var products = db.Products.AsNoTracking().Where(p => p.TenantId == tenantId);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = Keyset.ContainsPattern(query.Search);
            products = products.Where(p => EF.Functions.ILike(p.Title, pattern)
                || (p.Vendor != null && EF.Functions.ILike(p.Vendor, pattern))
                || (p.ProductType != null && EF.Functions.ILike(p.ProductType, pattern)));
        }

        if (query.Status is { } status)
        {
            products = products.Where(p => p.Status == status);
        }

        var sort = query.Sort.ToString();
        return query.Sort switch
        {
            ProductSort.UpdatedAt => Keyset.PageAsync(products, sort, p => p.UpdatedAt, p => p.ShopifyId, page, cancellationToken),
            ProductSort.CreatedAt => Keyset.PageAsync(products, sort, p => p.CreatedAt, p => p.ShopifyId, page, cancellationToken),
            _ => Keyset.PageAsync(products, sort, p => p.Title, p => p.ShopifyId, page, cancellationToken),
        };
    }

    /// <summary>The variants of these products, in one query.</summary>
    public async Task<ILookup<long, ProductVariant>> VariantsOfAsync(IReadOnlyCollection<long> productShopifyIds, CancellationToken cancellationToken = default)
    {
        var tenantId = tenant.RequiredTenantId;
        var ids = productShopifyIds.Distinct().ToArray();
        var variants = await db.ProductVariants.AsNoTracking()
            .Where(v => v.TenantId == tenantId && ids.Contains(v.ProductShopifyId))
            .OrderBy(v => v.ShopifyId)
            .ToListAsync(cancellationToken);
        return variants.ToLookup(v => v.ProductShopifyId);
    }
}

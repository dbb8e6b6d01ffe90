using Microsoft.EntityFrameworkCore;
using ShopIngest.Modules.Catalog.Data;
using ShopIngest.Modules.Shared.Tenancy;

namespace ShopIngest.Modules.Catalog.Products;

/// <summary>The variants of a page of products, loaded together rather than one query per product.</summary>
internal sealed class ProductVariants(CatalogDbContext db, ITenantContext tenant)
{
    public async Task<ILookup<long, ProductVariant>> OfProductsAsync(IReadOnlyCollection<long> productShopifyIds, CancellationToken cancellationToken = default)
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

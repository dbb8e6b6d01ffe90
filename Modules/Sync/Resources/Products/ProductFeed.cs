using Microsoft.Extensions.Logging;
using ShopIngest.Modules.Catalog.Contracts;
using ShopIngest.Modules.Shared.Ingest;
using ShopIngest.Modules.Sync.Shopify;

namespace ShopIngest.Modules.Sync.Resources.Products;

/// <summary>
/// Products with their variants; a product with more variants than one page holds gets the rest fetched before it is
/// written. A product or variant that lacks what a record needs is skipped, logged and counted.
/// </summary>
internal sealed class ProductFeed(ShopifyAdminClient client, IProductIngest ingest, ILogger<ProductFeed> logger) : IResourceFeed<ProductRecord>
{
    private const int VariantsPerProduct = 10;

    private const string VariantFields = "id title sku price inventoryQuantity";

    private const string ProductFields = "id title handle status vendor productType tags createdAt updatedAt";

    private static readonly string PageQuery = $$"""
        query Products($first: Int!, $after: String, $query: String, $withShop: Boolean!) {
          shop @include(if: $withShop) { currencyCode ianaTimezone }
          products(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
            pageInfo { hasNextPage endCursor }
            nodes {
              {{ProductFields}}
              variants(first: {{VariantsPerProduct}}) { pageInfo { hasNextPage endCursor } nodes { {{VariantFields}} } }
            }
          }
        }
        """;

    /// <summary>Every product and every variant: each variant a line of its own, with its product's id as <c>__parentId</c>.</summary>
    private const string ExportQuery = $$"""
        {
          products {
            edges { node {
              {{ProductFields}}
              variants { edges { node { {{VariantFields}} } } }
            } }
          }
        }
        """;

    private const string MoreVariantsQuery = $$"""
        query ProductVariants($id: ID!, $first: Int!, $after: String) {
          product(id: $id) {
            variants(first: $first, after: $after) { pageInfo { hasNextPage endCursor } nodes { {{VariantFields}} } }
          }
        }
        """;

    /// <summary>The product, and its variants connection of one object each.</summary>
    private static readonly int ProductCost = QueryCosts.Object + QueryCosts.ConnectionCost(VariantsPerProduct, QueryCosts.Object);

    private static readonly int MoreVariantsPage = QueryCosts.PageSize(250, QueryCosts.Object, otherCost: QueryCosts.Object);

    private static readonly ChildQuery<ProductVariantsData, VariantNode> MoreVariants = new(
        MoreVariantsQuery, MoreVariantsPage, QueryCosts.Object + QueryCosts.ConnectionCost(MoreVariantsPage, QueryCosts.Object),
        ShopifyJsonContext.Default.GraphQLResponseProductVariantsData, data => data.Product?.Variants);

    public SyncResource Resource => SyncResource.Products;

    public int PageSize(int wanted) => QueryCosts.PageSize(wanted, ProductCost, otherCost: QueryCosts.Object);

    public async Task<FetchedPage<ProductRecord>> FetchAsync(ShopAccess shop, PageRequest request, CancellationToken cancellationToken)
    {
        var result = await client.QueryAsync(shop, new ShopifyRequest(PageQuery, PageVariables.Of(request),
                QueryCosts.Object + QueryCosts.ConnectionCost(request.First, ProductCost)),
            ShopifyJsonContext.Default.GraphQLResponseProductsData, cancellationToken);
        var products = FetchedPages.Required(result.Data.Products, "products", result.Usage);
        var tally = new PageTally(logger, "Product");
        var usable = new List<(ProductNode Node, long Id)>(products.Nodes.Count);
        foreach (var product in tally.Present(products.Nodes))
        {
            if (Accept(product, tally, out var id))
            {
                usable.Add((product, id));
            }
        }

        var (records, moreUsage) = await RemainingChildren.CompleteAsync(
            client, shop, usable, product => (product.Node.Id, product.Node.Variants), MoreVariants,
            (product, variants) => ToRecord(product.Node, product.Id, variants, tally), cancellationToken);
        return FetchedPages.Of(records, tally, products.PageInfo, result.Data.Shop, result.Usage + moreUsage);
    }

    public string BulkQuery => ExportQuery;

    public FetchedPage<ProductRecord> FromExport(IReadOnlyList<ExportedObject> objects)
    {
        var tally = new PageTally(logger, "Product");
        var records = new List<ProductRecord>(objects.Count);
        var nodes = ExportedObjects.Nodes(
            objects, ShopifyJsonContext.Default.ProductNode, ShopifyJsonContext.Default.VariantNode, (product, variants) => product.Variants = variants);
        foreach (var product in tally.Present(nodes))
        {
            if (Accept(product, tally, out var id))
            {
                records.Add(ToRecord(product, id, product.Variants.Nodes, tally));
            }
        }

        return FetchedPages.Exported(records, tally);
    }

    public Task<IngestResult> IngestAsync(IngestTransaction transaction, IReadOnlyList<ProductRecord> records, string shopTimeZone, CancellationToken cancellationToken) =>
        ingest.UpsertAsync(transaction, records, cancellationToken);

    public Task<IngestResult> DeleteAsync(IngestTransaction transaction, IReadOnlyList<DeletedRecord> deletes, string shopTimeZone, CancellationToken cancellationToken) =>
        ingest.DeleteAsync(transaction, deletes, cancellationToken);

    public Task<IngestResult> DeleteAbsentAsync(IngestTransaction transaction, PresentRecords present, string shopTimeZone, CancellationToken cancellationToken) =>
        ingest.DeleteAbsentAsync(transaction, present, cancellationToken);

    /// <summary>Without its variants connection a product cannot be written: its stored variants would all be removed.</summary>
    private static bool Accept(ProductNode product, PageTally tally, out long id) =>
        tally.TryAccept(product.Id, product.UpdatedAt, out id,
            (product.CreatedAt == default, "createdAt"),
            (product.Title is null, "title"),
            (product.Handle is null, "handle"),
            (product.Status is null, "status"),
            (product.Variants?.PageInfo is null, "variants"));

    private static ProductRecord ToRecord(ProductNode product, long id, IReadOnlyList<VariantNode> variants, PageTally tally) => new()
    {
        ShopifyId = id,
        Title = product.Title,
        Handle = product.Handle,
        Status = product.Status,
        Vendor = product.Vendor,
        ProductType = product.ProductType,
        Tags = product.Tags ?? [],
        CreatedAt = product.CreatedAt,
        UpdatedAt = product.UpdatedAt,
        Variants = [.. VariantsOf(id, variants, tally)],
    };

    private static IEnumerable<VariantRecord> VariantsOf(long productId, IReadOnlyList<VariantNode> variants, PageTally tally)
    {
        foreach (var variant in tally.Present(variants, "ProductVariant"))
        {
            if (tally.TryAcceptChild("ProductVariant", productId, variant.Id, out var id))
            {
                yield return new VariantRecord
                {
                    ShopifyId = id,
                    Title = variant.Title,
                    Sku = variant.Sku,
                    Price = variant.Price,
                    InventoryQuantity = variant.InventoryQuantity,
                };
            }
        }
    }
}

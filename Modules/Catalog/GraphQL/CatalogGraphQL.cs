using GraphQL;
using GraphQL.Types;
using ShopIngest.Modules.Catalog.Products;
using ShopIngest.Modules.Shared.GraphQL;
using ShopIngest.Modules.Shared.Listing;

namespace ShopIngest.Modules.Catalog.GraphQL;

/// <summary>Browsing the shop's products.</summary>
internal sealed class CatalogGraphQL : IGraphQLContribution
{
    public void AddQueryFields(ObjectGraphType query) =>
        query.Field<NonNullGraphType<ConnectionGraphType<ProductGraphType, ProductNode>>>("products")
            .Description("The shop's products, a page at a time.")
            .QueriesDatabase()
            .Paged()
            .Argument<StringGraphType>("search", "Matches title, vendor or product type.")
            .Argument<StringGraphType>("status", "Only products with this status: ACTIVE, ARCHIVED, DRAFT or UNLISTED.")
            .Argument<ProductSortGraphType>("sort", "Sort key; TITLE when left out.", a => a.DefaultValue = ProductSort.Title)
            .ResolveAsync(async context =>
            {
                context.RequireTenant();
                var listing = context.GetService<ProductListing>();
                var productQuery = new ProductQuery(context.GetArgument<string?>("search"), context.GetArgument<string?>("status"), context.GetArgument("sort", ProductSort.Title));
                var page = await listing.ListAsync(productQuery, context.ReadPage(), context.CancellationToken);
                var variants = new Lazy<Task<ILookup<long, ProductVariant>>>(() =>
                    listing.VariantsOfAsync([.. page.Edges.Select(e => e.Node.ShopifyId)], context.CancellationToken));
                return new Connection<ProductNode>(
                    [.. page.Edges.Select(e => new Edge<ProductNode>(new ProductNode(e.Node, variants), e.Cursor))], page.HasNextPage, page.TotalCount);
            });

    public void AddMutationFields(ObjectGraphType mutation)
    {
    }
}

/// <summary>A product and the variants of its whole page, loaded once for the page when first asked for.</summary>
internal sealed record ProductNode(Product Product, Lazy<Task<ILookup<long, ProductVariant>>> PageVariants);

internal sealed class ProductGraphType : ObjectGraphType<ProductNode>
{
    public ProductGraphType()
    {
        Name = "Product";
        Description = "A product of the shop, as last synced from Shopify.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("ShopIngest's id of the product.").Resolve(c => GlobalIds.NodeId("Product", c.Source.Product.ShopifyId));
        Field<NonNullGraphType<StringGraphType>>("shopifyId").Description("The product's Shopify GID.").Resolve(c => GlobalIds.ShopifyGid("Product", c.Source.Product.ShopifyId));
        Field<NonNullGraphType<StringGraphType>>("title").Description("The product's title.").Resolve(c => c.Source.Product.Title);
        Field<NonNullGraphType<StringGraphType>>("handle").Description("The product's URL handle.").Resolve(c => c.Source.Product.Handle);
        Field<NonNullGraphType<StringGraphType>>("status").Description("ACTIVE, ARCHIVED, DRAFT or UNLISTED.").Resolve(c => c.Source.Product.Status);
        Field<StringGraphType>("vendor").Description("The product's vendor.").Resolve(c => c.Source.Product.Vendor);
        Field<StringGraphType>("productType").Description("The product's type.").Resolve(c => c.Source.Product.ProductType);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("tags").Description("Shopify tags.").Resolve(c => c.Source.Product.Tags);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("createdAt").Description("When the product was created.").Resolve(c => c.Source.Product.CreatedAt);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("updatedAt").Description("When Shopify last changed the product.").Resolve(c => c.Source.Product.UpdatedAt);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<VariantGraphType>>>>("variants")
            .Description("The product's variants.")
            .ResolveAsync(async c => (await c.Source.PageVariants.Value)[c.Source.Product.ShopifyId]);
    }
}

internal sealed class VariantGraphType : ObjectGraphType<ProductVariant>
{
    public VariantGraphType()
    {
        Name = "ProductVariant";
        Description = "One variant of a product.";
        Field<NonNullGraphType<StringGraphType>>("shopifyId").Description("The variant's Shopify GID.").Resolve(c => GlobalIds.ShopifyGid("ProductVariant", c.Source.ShopifyId));
        Field(v => v.Title, nullable: true).Description("The variant's title.");
        Field(v => v.Sku, nullable: true).Description("The variant's SKU.");
        Field<NonNullGraphType<DecimalGraphType>>("price").Description("The variant's price.").Resolve(c => c.Source.Price);
        Field<DecimalGraphType>("compareAtPrice").Description("The price before a sale.").Resolve(c => c.Source.CompareAtPrice);
        Field(v => v.InventoryQuantity, nullable: true).Description("Units in stock.");
    }
}

internal sealed class ProductSortGraphType : EnumerationGraphType<ProductSort>
{
    public ProductSortGraphType()
    {
        Name = "ProductSort";
        Description = "How products are sorted; ties are broken by id.";
    }
}

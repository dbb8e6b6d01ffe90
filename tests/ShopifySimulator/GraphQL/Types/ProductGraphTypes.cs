using GraphQL.Types;
using ShopIngest.ShopifySimulator.Generation;
using ShopIngest.ShopifySimulator.GraphQL.Paging;
using ShopIngest.ShopifySimulator.Shops;

namespace ShopIngest.ShopifySimulator.GraphQL.Types;

internal sealed class ProductGraphType : ObjectGraphType<ProductNode>
{
    public ProductGraphType()
    {
        Name = "Product";
        Description = "The goods and services that merchants offer to customers.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("A globally-unique ID.")
            .Resolve(context => Gid.For("Product", context.Source.Record.Id));
        Field<NonNullGraphType<UnsignedInt64GraphType>>("legacyResourceId").Description("The ID of the corresponding resource in the REST Admin API.")
            .Resolve(context => context.Source.Record.Id);
        Field<NonNullGraphType<StringGraphType>>("title").Description("The name for the product that displays to customers.")
            .Resolve(context => context.Source.Record.Title);
        Field<NonNullGraphType<StringGraphType>>("handle").Description("A unique, human-readable string of the product's title.")
            .Resolve(context => context.Source.Record.Handle);
        Field<NonNullGraphType<ProductStatusGraphType>>("status").Description("The product status, which controls visibility across all sales channels.")
            .Resolve(context => context.Source.Record.Status);
        Field<NonNullGraphType<StringGraphType>>("vendor").Description("The name of the product's vendor.")
            .Resolve(context => context.Source.Record.Vendor);
        Field<NonNullGraphType<StringGraphType>>("productType").Description("The product type that merchants define.")
            .Resolve(context => context.Source.Record.ProductType);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("tags").Description("A comma-separated list of searchable keywords.")
            .Resolve(context => context.Source.Record.Tags);
        Field<NonNullGraphType<ShopifyDateTimeGraphType>>("createdAt").Description("The date and time when the product was created.")
            .Resolve(context => UnixTime.ToDateTime(context.Source.Record.CreatedAt));
        Field<NonNullGraphType<ShopifyDateTimeGraphType>>("updatedAt").Description("The date and time when the product was last modified.")
            .Resolve(context => UnixTime.ToDateTime(context.Source.Record.UpdatedAt));
        Field<NonNullGraphType<ConnectionGraphType<ProductVariantGraphType>>>("variants")
            .Description("A list of variants associated with the product.")
            .WithPaging()
            .Resolve(context =>
            {
                var shop = context.Source.Shop;
                ref var product = ref context.Source.Record;
                return Connections.ForChildren(
                    product.FirstVariant, product.VariantCount, i => shop.Variant(i).Id, context.PageArguments(), i => new VariantNode(shop, i));
            });
    }
}

internal sealed class ProductVariantGraphType : ObjectGraphType<VariantNode>
{
    public ProductVariantGraphType()
    {
        Name = "ProductVariant";
        Description = "The Product object lets you manage products in a merchant's store; a variant is one version of it.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("A globally-unique ID.")
            .Resolve(context => Gid.For("ProductVariant", context.Source.Record.Id));
        Field<NonNullGraphType<StringGraphType>>("title").Description("The title of the product variant.")
            .Resolve(context => context.Source.Record.Title);
        Field<StringGraphType>("sku").Description("A case-sensitive identifier for the product variant in the shop.")
            .Resolve(context => context.Source.Record.Sku);
        Field<NonNullGraphType<ShopifyMoneyGraphType>>("price").Description("The price of the product variant in the default shop currency.")
            .Resolve(context => Money.ToDecimal(context.Source.Record.PriceCents));
        Field<IntGraphType>("inventoryQuantity").Description("The total sellable quantity of the variant.")
            .Resolve(context => context.Source.Record.InventoryQuantity);
        Field<NonNullGraphType<ProductGraphType>>("product").Description("The product that this variant belongs to.")
            .Resolve(context => new ProductNode(context.Source.Shop, context.Source.Record.ProductIndex));
    }
}

using ShopIngest.Modules.Catalog.Contracts;
using ShopIngest.Modules.Sales.Contracts;

namespace ShopIngest.IntegrationTests.Ingest;

/// <summary>Shopify-shaped records with sensible defaults; a test states only what it is about.</summary>
internal static class SampleRecords
{
    public static readonly DateTimeOffset Epoch = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static OrderRecord Order(
        long id,
        DateTimeOffset? processedAt = null,
        DateTimeOffset? updatedAt = null,
        decimal currentTotal = 100m,
        decimal? total = null,
        long? customerId = null,
        bool test = false,
        DateTimeOffset? cancelledAt = null,
        string financialStatus = "PAID",
        params LineItemRecord[] lineItems) => new()
        {
            ShopifyId = id,
            Name = $"#{1000 + id}",
            Email = $"buyer{id}@example.com",
            CustomerShopifyId = customerId,
            CreatedAt = processedAt ?? Epoch,
            ProcessedAt = processedAt ?? Epoch,
            UpdatedAt = updatedAt ?? processedAt ?? Epoch,
            CancelledAt = cancelledAt,
            CancelReason = cancelledAt is null ? null : "CUSTOMER",
            Test = test,
            DisplayFinancialStatus = financialStatus,
            DisplayFulfillmentStatus = "UNFULFILLED",
            CurrencyCode = "USD",
            TotalPrice = total ?? currentTotal,
            SubtotalPrice = total ?? currentTotal,
            CurrentTotalPrice = currentTotal,
            TotalRefunded = (total ?? currentTotal) - currentTotal,
            LineItems = lineItems,
        };

    public static LineItemRecord LineItem(long id, int quantity = 1, decimal unitPrice = 10m) => new()
    {
        ShopifyId = id,
        Title = $"Item {id}",
        Quantity = quantity,
        Sku = $"SKU-{id}",
        VariantShopifyId = id * 10,
        ProductShopifyId = id * 100,
        OriginalUnitPrice = unitPrice,
    };

    public static CustomerRecord Customer(
        long id, decimal amountSpent = 0m, long numberOfOrders = 0, DateTimeOffset? updatedAt = null, string? name = null) => new()
        {
            ShopifyId = id,
            FirstName = "Ada",
            LastName = $"Customer {id}",
            DisplayName = name ?? $"Ada Customer {id}",
            Email = $"customer{id}@example.com",
            City = "Lisbon",
            Country = "Portugal",
            CountryCode = "PT",
            AmountSpent = amountSpent,
            AmountSpentCurrency = "USD",
            NumberOfOrders = numberOfOrders,
            Tags = ["vip", "newsletter"],
            CreatedAt = Epoch,
            UpdatedAt = updatedAt ?? Epoch,
        };

    public static ProductRecord Product(
        long id, DateTimeOffset? updatedAt = null, string title = "Shirt", string status = "ACTIVE", params VariantRecord[] variants) => new()
        {
            ShopifyId = id,
            Title = title,
            Handle = $"{title.ToLowerInvariant()}-{id}",
            Status = status,
            Vendor = "Acme",
            ProductType = "Apparel",
            Tags = ["summer", "cotton, organic"],
            CreatedAt = Epoch,
            UpdatedAt = updatedAt ?? Epoch,
            Variants = variants,
        };

    public static VariantRecord Variant(long id, decimal price = 19.99m) => new()
    {
        ShopifyId = id,
        Title = $"Size {id}",
        Sku = $"V-{id}",
        Price = price,
        CompareAtPrice = price + 5m,
        InventoryQuantity = (int)(id % 50),
    };
}

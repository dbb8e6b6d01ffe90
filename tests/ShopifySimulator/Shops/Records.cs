namespace ShopIngest.ShopifySimulator.Shops;

/// <summary>The fields a connection can sort or filter records by.</summary>
internal enum RecordField
{
    Id,
    CreatedAt,
    UpdatedAt,
    ProcessedAt,
}

/// <summary>
/// What every top-level record (product, customer, order) shares, so paging, sorting and the
/// <c>query</c> filter are written once. Times are Unix seconds: Shopify's DateTime has whole seconds.
/// </summary>
internal interface ITopLevelRecord
{
    long Id { get; }

    /// <summary>The updatedAt before the latest change, which a lagging search index still holds (0: none).</summary>
    long PreviousUpdatedAt { get; }

    bool Deleted { get; set; }

    long ValueOf(RecordField field);
}

internal static class TopLevelRecord
{
    /// <summary>Records without a processedAt pass their createdAt.</summary>
    public static long ValueOf(RecordField field, long id, long createdAt, long updatedAt, long processedAt) => field switch
    {
        RecordField.Id => id,
        RecordField.UpdatedAt => updatedAt,
        RecordField.ProcessedAt => processedAt,
        _ => createdAt,
    };
}

internal enum ProductStatus : byte
{
    Active,
    Archived,
    Draft,
    Unlisted,
}

internal enum OrderDisplayFinancialStatus : byte
{
    Authorized,
    Expired,
    Paid,
    PartiallyPaid,
    PartiallyRefunded,
    Pending,
    Refunded,
    Voided,
}

internal enum OrderDisplayFulfillmentStatus : byte
{
    Fulfilled,
    InProgress,
    OnHold,
    Open,
    PartiallyFulfilled,
    PendingFulfillment,
    RequestDeclined,
    Restocked,
    Scheduled,
    Unfulfilled,
}

internal enum OrderCancelReason : byte
{
    Customer,
    Declined,
    Fraud,
    Inventory,
    Other,
    Staff,
}

internal struct ProductRecord : ITopLevelRecord
{
    public long Id { get; set; }
    public string Title { get; set; }
    public string Handle { get; set; }
    public string Vendor { get; set; }
    public string ProductType { get; set; }
    public string[] Tags { get; set; }
    public ProductStatus Status { get; set; }
    public long CreatedAt { get; set; }
    public long UpdatedAt { readonly get => _updated.Current; set => _updated.Set(value); }
    public readonly long PreviousUpdatedAt => _updated.Previous;
    public int FirstVariant { get; set; }
    public int VariantCount { get; set; }
    public bool Deleted { get; set; }
    private UpdateTimes _updated;

    public readonly long ValueOf(RecordField field) => TopLevelRecord.ValueOf(field, Id, CreatedAt, UpdatedAt, processedAt: CreatedAt);
}

internal struct VariantRecord
{
    public long Id { get; set; }
    public int ProductIndex { get; set; }
    public string Title { get; set; }
    public string Sku { get; set; }
    public long PriceCents { get; set; }
    public int InventoryQuantity { get; set; }
}

internal struct CustomerRecord : ITopLevelRecord
{
    public long Id { get; set; }
    public string FirstName { get; set; }
    public string LastName { get; set; }
    /// <summary>Null for customers known only by name and phone (Customer.email is nullable on Shopify).</summary>
    public string? Email { get; set; }
    public string? Phone { get; set; }
    /// <summary>Null with <see cref="Country"/> and the rest for customers without a default address.</summary>
    public string? City { get; set; }
    public string? Province { get; set; }
    /// <summary>Null when the customer has no default address.</summary>
    public string? Country { get; set; }
    public string? CountryCode { get; set; }
    public string[] Tags { get; set; }
    public long CreatedAt { get; set; }
    public long UpdatedAt { readonly get => _updated.Current; set => _updated.Set(value); }
    public readonly long PreviousUpdatedAt => _updated.Previous;
    public long AmountSpentCents { get; set; }
    public int NumberOfOrders { get; set; }
    public bool Deleted { get; set; }
    private UpdateTimes _updated;

    public readonly bool HasAddress => Country is not null;

    public readonly long ValueOf(RecordField field) => TopLevelRecord.ValueOf(field, Id, CreatedAt, UpdatedAt, processedAt: CreatedAt);
}

internal struct OrderRecord : ITopLevelRecord
{
    public long Id { get; set; }
    public int Number { get; set; }
    /// <summary>Index into the shop's customers, or -1 for an order placed without a customer.</summary>
    public int CustomerIndex { get; set; }
    /// <summary>Guest orders may still carry an email; it is derived from the order number.</summary>
    public bool HasGuestEmail { get; set; }
    public long CreatedAt { get; set; }
    public long ProcessedAt { get; set; }
    public long UpdatedAt { readonly get => _updated.Current; set => _updated.Set(value); }
    public readonly long PreviousUpdatedAt => _updated.Previous;
    /// <summary>0 when the order is not cancelled.</summary>
    public long CancelledAt { get; set; }
    public OrderCancelReason CancelReason { get; set; }
    public bool Test { get; set; }
    public OrderDisplayFinancialStatus FinancialStatus { get; set; }
    public OrderDisplayFulfillmentStatus FulfillmentStatus { get; set; }
    public long SubtotalCents { get; set; }
    /// <summary>Shopify declares Order.subtotalPriceSet nullable; a few orders carry none.</summary>
    public bool SubtotalUnknown { get; set; }
    public long TotalCents { get; set; }
    public long RefundedCents { get; set; }
    /// <summary>The currency the customer paid in; null when it is the shop's currency.</summary>
    public string? PresentmentCurrency { get; set; }
    /// <summary>Presentment units per shop unit, when <see cref="PresentmentCurrency"/> is set.</summary>
    public double PresentmentRate { get; set; }
    public int FirstLineItem { get; set; }
    public int LineItemCount { get; set; }
    public bool Deleted { get; set; }
    private UpdateTimes _updated;

    public readonly bool IsCancelled => CancelledAt != 0;

    /// <summary>Shopify's currentTotalPriceSet: what remains of the total after refunds.</summary>
    public readonly long CurrentTotalCents => TotalCents - RefundedCents;

    /// <summary>
    /// Orders that count for revenue, order totals and a customer's amountSpent/numberOfOrders:
    /// not test orders and not cancelled ones (the analytics definition the truth endpoint uses).
    /// </summary>
    public readonly bool Counts => !Test && !IsCancelled && !Deleted;

    public readonly long ValueOf(RecordField field) => TopLevelRecord.ValueOf(field, Id, CreatedAt, UpdatedAt, ProcessedAt);
}

internal struct LineItemRecord
{
    public long Id { get; set; }
    public int VariantIndex { get; set; }
    public int Quantity { get; set; }
    public long UnitPriceCents { get; set; }
}

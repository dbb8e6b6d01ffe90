namespace ShopIngest.ShopifySimulator.Shops;

/// <summary>
/// A record's updatedAt and the one before its latest change. Shopify's search index lags behind writes; while it
/// has not caught up with a change it still holds the previous version, and the simulator needs that version's
/// updatedAt to answer a <c>query:</c> filter as the index would.
/// </summary>
internal struct UpdateTimes
{
    /// <summary>The current updatedAt (Unix seconds).</summary>
    public long Current { readonly get; private set; }

    /// <summary>The updatedAt before the latest change; 0 when the record has not changed since it was created.</summary>
    public long Previous { readonly get; private set; }

    public void Set(long value)
    {
        if (value != Current)
        {
            Previous = Current;
            Current = value;
        }
    }
}

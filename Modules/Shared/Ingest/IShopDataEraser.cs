namespace ShopIngest.Modules.Shared.Ingest;

/// <summary>
/// Erases every row a module holds for the transaction's tenant, as a shop's redaction requires. Each module that
/// stores shop data registers one; the caller runs them all in one transaction.
/// </summary>
public interface IShopDataEraser
{
    /// <summary>Deletes all of the tenant's rows in the module's tables; returns how many rows went.</summary>
    Task<long> EraseAsync(IngestTransaction transaction, CancellationToken cancellationToken = default);
}

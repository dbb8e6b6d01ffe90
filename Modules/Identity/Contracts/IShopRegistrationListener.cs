namespace ShopIngest.Modules.Identity.Contracts;

/// <summary>
/// Told about a shop registered (by sign-up, by <c>create-tenant</c>, or as the demo shop) once its tenant is committed:
/// another module may then prepare what it keeps for the shop, such as its webhook subscriptions. A listener queues its
/// work rather than calling Shopify there and then, and never fails the registration.
/// </summary>
public interface IShopRegistrationListener
{
    Task ShopRegisteredAsync(Guid tenantId, CancellationToken cancellationToken);
}
